#pragma once
// A fleet plan (`stargate plan`): the simulated build-out, what it delivers, the optional sensitivity tornado
// and the optional Monte Carlo percentiles; report/fleet_report.h and report/html_report.h render it.
#include <optional>

#include "stargate/fleet/delivery.h"
#include "stargate/fleet/fleet_scenario.h"
#include "stargate/fleet/fleet_sim.h"
#include "stargate/fleet/monte_carlo.h"
#include "stargate/fleet/sensitivity.h"
#include "stargate/fleet/tenants.h"

namespace stargate {

struct FleetPlan {
  FleetScenario scenario;
  FleetResult result;
  FleetDelivery delivery;
  std::optional<Tornado> tornado;
  std::optional<TenantAllocation> tenants;  // when the scenario has tenants:
  std::optional<MonteCarloSummary> monte_carlo;  // --monte-carlo N, or a report of a scenario with distributions
};

// Simulates the build-out, what it delivers and, with tenants, who gets it.
FleetPlan make_fleet_plan(FleetScenario scenario);

}  // namespace stargate
