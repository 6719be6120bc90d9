#pragma once
// What the serving searches (capacity sizing, deployment search) search over and for: the accelerators to try
// and the demand to serve.
#include <string>
#include <vector>

#include "stargate/catalog/catalog.h"
#include "stargate/catalog/cluster.h"
#include "stargate/core/result.h"
#include "stargate/serving/serving_config.h"

namespace stargate {

// The demand of a workload in requests/s: the rate (poisson, gamma) or a trace's mean rate; an Error otherwise.
Result<double> serving_demand_rate(const ServingWorkload& workload);

// `base` with each of `catalog`'s accelerators that has a node preset (its first one), in catalog order; `ids`
// empty = all of them, else only those ids. Without a catalog, only `base` itself (when `ids` allows it).
std::vector<Cluster> serving_clusters(const Catalog* catalog, const Cluster& base, const std::vector<std::string>& ids);

// $/GPU-hour of `c`'s GPUs in a search over `config` (scenario on `scenario_cluster`): the scenario's
// price_per_gpu on the scenario's own accelerator, else the cost model's for c's node and accelerator.
GpuHourCost serving_gpu_hour_cost(const ServingConfig& config, const Cluster& scenario_cluster, const Cluster& c);

// `c` as a pool's own hardware (PoolHardware), priced by serving_gpu_hour_cost.
PoolHardware serving_pool_hardware(const ServingConfig& config, const Cluster& scenario_cluster, const Cluster& c);

}  // namespace stargate
