#pragma once
// Internal to search/: the rate one replica sustains within the SLOs (shared by capacity sizing of aggregated
// replicas and of disaggregated pools), and the sizing of a disaggregated scenario's pools apart (capacity.h,
// DisaggregatedCapacity).
#include <functional>
#include <optional>
#include <vector>

#include "stargate/search/capacity.h"

namespace stargate::capacity_detail {

// Whether `config` (its deployment as it stands) meets slo.attainment under a Poisson (or the scenario's gamma)
// load of `rate` requests/s and `probe` requests, simulated on `cluster`.
bool meets_at_rate(const ModelSpec& model, const Cluster& cluster, ServingConfig config, double rate, int probe);

// The highest rate (requests/s) at which `meets_rate` holds, grown from max(0.05, demand / 64) (or 64 times less
// when that misses) and bisected; nullopt when even the lower start misses.
std::optional<double> highest_rate(const std::function<bool(double)>& meets_rate, double demand);

// Sizes a disaggregated scenario's prefill and decode pools apart on each of `clusters` and every TP that fits.
DisaggregatedCapacity plan_pool_capacity(const ModelSpec& model, const Cluster& scenario_cluster,
                                         const ServingConfig& config, const std::vector<Cluster>& clusters,
                                         double demand, int probe_requests);

}  // namespace stargate::capacity_detail
