#pragma once
// Multi-tenant allocation of a fleet's installed GPUs (fleet_scenario.h Tenant): per quarter, what each tenant
// asks for, what it gets, and when it is short.
#include <optional>
#include <vector>

#include "stargate/fleet/delivery.h"
#include "stargate/fleet/fleet_scenario.h"
#include "stargate/fleet/fleet_sim.h"

namespace stargate {

// One tenant's claim on a quarter's capacity.
struct TenantClaim {
  int priority = 1;
  double share = 0;        // guaranteed fraction of the capacity
  double demand_gpus = 0;
};

// GPUs given to each claim out of `capacity_gpus`: first min(demand, share × capacity) each, then what is left by
// priority (ascending), equal priorities in proportion to their unmet demand. Never more than a claim's demand;
// the sum never exceeds the capacity.
std::vector<double> allocate_capacity(double capacity_gpus, const std::vector<TenantClaim>& claims);

struct TenantQuarter {
  double demand_gpus = 0;
  double allocated_gpus = 0;
  double demand_tokens_per_day = 0;     // serving tenants
  double allocated_tokens_per_day = 0;  // serving tenants
  bool short_of_demand = false;
};

struct TenantResult {
  std::vector<TenantQuarter> quarters;  // one per simulated quarter
  int quarters_short = 0;
  std::optional<Quarter> first_short;
};

struct TenantAllocation {
  std::vector<double> capacity_gpus;     // installed GPUs per quarter
  std::vector<double> tokens_per_day_per_gpu;  // the serving conversion rate used per quarter
  std::vector<TenantResult> tenants;     // in scenario order
};

TenantAllocation allocate_tenants(const FleetScenario& scenario, const FleetResult& result, const FleetDelivery& delivery);

}  // namespace stargate
