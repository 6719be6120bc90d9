#include "stargate/fleet/fleet_plan.h"

namespace stargate {

FleetPlan make_fleet_plan(FleetScenario scenario) {
  FleetPlan plan;
  plan.scenario = std::move(scenario);
  plan.result = simulate_fleet(plan.scenario);
  plan.delivery = fleet_delivery(plan.scenario, plan.result);
  if (!plan.scenario.tenants.empty()) plan.tenants = allocate_tenants(plan.scenario, plan.result, plan.delivery);
  return plan;
}

}  // namespace stargate
