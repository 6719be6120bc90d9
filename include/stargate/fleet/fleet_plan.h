#pragma once
// A fleet plan (`stargate plan`): the simulated build-out, what it delivers, and the optional sensitivity
// tornado; report/fleet_report.h and report/html_report.h render it.
#include <optional>

#include "stargate/fleet/delivery.h"
#include "stargate/fleet/fleet_scenario.h"
#include "stargate/fleet/fleet_sim.h"
#include "stargate/fleet/sensitivity.h"
#include "stargate/fleet/tenants.h"

namespace stargate {

struct FleetPlan {
  FleetScenario scenario;
  FleetResult result;
  FleetDelivery delivery;
  std::optional<Tornado> tornado;
  std::optional<TenantAllocation> tenants;  // when the scenario has tenants:
};

// Simulates the build-out, what it delivers and, with tenants, who gets it.
FleetPlan make_fleet_plan(FleetScenario scenario);

}  // namespace stargate
