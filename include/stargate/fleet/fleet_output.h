#pragma once
// Outputs of `stargate plan`: a terminal summary, JSON with stable field names (units in the names), and a CSV
// time series with one row per quarter.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "stargate/fleet/delivery.h"
#include "stargate/fleet/fleet_scenario.h"
#include "stargate/fleet/fleet_sim.h"
#include "stargate/fleet/sensitivity.h"

namespace stargate {

struct FleetPlan {
  FleetScenario scenario;
  FleetResult result;
  FleetDelivery delivery;
  std::optional<Tornado> tornado;
};

// Simulates the build-out and what it delivers.
FleetPlan make_fleet_plan(FleetScenario scenario);

std::string fleet_text(const FleetPlan& plan);
nlohmann::json fleet_json(const FleetPlan& plan);
std::string fleet_csv(const FleetPlan& plan);

}  // namespace stargate
