#include "stargate/search/serving_space.h"

#include <algorithm>

#include "stargate/catalog/catalog.h"
#include "stargate/cost/gpu_hour_cost_model.h"

namespace stargate {

Result<double> serving_demand_rate(const ServingWorkload& w) {
  if (w.arrival == ArrivalKind::poisson || w.arrival == ArrivalKind::gamma) return w.rate;
  if (w.arrival == ArrivalKind::trace && w.trace.size() > 1 && w.trace.back().arrival > 0) {
    return (w.trace.size() - 1) / w.trace.back().arrival;
  }
  return Error{ErrorKind::invalid_input, "capacity planning needs a request rate (poisson, gamma or a trace)",
               "serving.workload.arrival", {}};
}

std::vector<Cluster> serving_clusters(const Catalog* catalog, const Cluster& base, const std::vector<std::string>& ids) {
  std::vector<Cluster> clusters;
  if (!catalog) {
    if (ids.empty() || std::find(ids.begin(), ids.end(), base.accelerator.id) != ids.end()) clusters.push_back(base);
    return clusters;
  }
  for (const AcceleratorSpec& a : catalog->accelerators()) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), a.id) == ids.end()) continue;
    const NodeSpec* node = nullptr;
    for (const NodeSpec& n : catalog->nodes()) {
      if (n.accelerator == a.id) node = node ? node : &n;
    }
    if (!node) continue;
    Cluster c = base;
    c.accelerator = a;
    c.node = *node;
    clusters.push_back(c);
  }
  return clusters;
}

GpuHourCost serving_gpu_hour_cost(const ServingConfig& config, const Cluster& scenario_cluster, const Cluster& c) {
  const double price = config.deployment.price_per_gpu_hour;
  if (price > 0 && c.accelerator.id == scenario_cluster.accelerator.id) return GpuHourCost{.explicit_usd = price};
  return gpu_hour_cost(c, default_cost_assumptions());
}

PoolHardware serving_pool_hardware(const ServingConfig& config, const Cluster& scenario_cluster, const Cluster& c) {
  return PoolHardware{.accelerator = c.accelerator, .node = c.node,
                      .gpu_hour_cost = serving_gpu_hour_cost(config, scenario_cluster, c)};
}

}  // namespace stargate
