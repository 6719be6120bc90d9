// Multi-tenant allocation (tenants.h).
#include "stargate/fleet/tenants.h"

#include <algorithm>
#include <numeric>

namespace stargate {
namespace {

constexpr double kShortTolerance = 1e-9;  // relative: a tenant given all but rounding is not short

// Gives each claim of one priority level up to its unmet demand out of `left`, in proportion when it is not enough.
void serve_priority_level(const std::vector<TenantClaim>& claims, int priority, std::vector<double>& given, double& left) {
  double unmet = 0;
  for (size_t i = 0; i < claims.size(); ++i) {
    if (claims[i].priority == priority) unmet += claims[i].demand_gpus - given[i];
  }
  if (unmet <= 0) return;
  const double fraction = std::min(1.0, left / unmet);
  for (size_t i = 0; i < claims.size(); ++i) {
    if (claims[i].priority == priority) given[i] += (claims[i].demand_gpus - given[i]) * fraction;
  }
  left = std::max(0.0, left - unmet * fraction);
}

}  // namespace

std::vector<double> allocate_capacity(double capacity_gpus, const std::vector<TenantClaim>& claims) {
  std::vector<double> given(claims.size(), 0.0);
  double left = std::max(0.0, capacity_gpus);
  for (size_t i = 0; i < claims.size(); ++i) {
    given[i] = std::min(claims[i].demand_gpus, claims[i].share * capacity_gpus);
    left -= given[i];
  }
  left = std::max(0.0, left);
  std::vector<int> priorities;
  for (const TenantClaim& c : claims) priorities.push_back(c.priority);
  std::sort(priorities.begin(), priorities.end());
  priorities.erase(std::unique(priorities.begin(), priorities.end()), priorities.end());
  for (int p : priorities) serve_priority_level(claims, p, given, left);
  return given;
}

TenantAllocation allocate_tenants(const FleetScenario& s, const FleetResult& result, const FleetDelivery& delivery) {
  TenantAllocation out;
  out.tenants.resize(s.tenants.size());
  for (size_t qi = 0; qi < result.quarters.size(); ++qi) {
    const FleetQuarter& q = result.quarters[qi];
    const double capacity = q.gpus_installed;
    // Serving demand becomes GPUs at the fleet-average decode rate; with no GPUs there is no rate (demand 0 GPUs).
    const double rate = capacity > 0 ? delivery.quarters[qi].tokens_per_day / capacity : 0;
    out.capacity_gpus.push_back(capacity);
    out.tokens_per_day_per_gpu.push_back(rate);
    std::vector<TenantClaim> claims;
    std::vector<TenantQuarter> rows;
    for (const Tenant& t : s.tenants) {
      TenantQuarter row;
      const double demand = t.demand.at(q.quarter);
      if (t.kind == Tenant::Kind::serving) {
        row.demand_tokens_per_day = demand;
        row.demand_gpus = rate > 0 ? demand / rate : 0;
      } else {
        row.demand_gpus = demand;
      }
      claims.push_back({.priority = t.priority, .share = t.share, .demand_gpus = row.demand_gpus});
      rows.push_back(row);
    }
    const std::vector<double> given = allocate_capacity(capacity, claims);
    for (size_t ti = 0; ti < s.tenants.size(); ++ti) {
      TenantQuarter& row = rows[ti];
      row.allocated_gpus = given[ti];
      if (s.tenants[ti].kind == Tenant::Kind::serving) row.allocated_tokens_per_day = given[ti] * rate;
      const bool serving_without_rate = s.tenants[ti].kind == Tenant::Kind::serving && rate == 0;
      row.short_of_demand = serving_without_rate ? row.demand_tokens_per_day > 0
                                                 : row.allocated_gpus < row.demand_gpus * (1 - kShortTolerance);
      TenantResult& r = out.tenants[ti];
      if (row.short_of_demand) {
        ++r.quarters_short;
        if (!r.first_short) r.first_short = q.quarter;
      }
      r.quarters.push_back(row);
    }
  }
  return out;
}

}  // namespace stargate
