#pragma once
// A fleet plan (`stargate plan`): the simulated build-out, what it delivers, and the optional sensitivity
// tornado; report/fleet_report.h and report/html_report.h render it.
#include <optional>

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

}  // namespace stargate
