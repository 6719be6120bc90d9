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

}  // namespace stargate
