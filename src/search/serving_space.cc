#include "stargate/search/serving_space.h"

#include <algorithm>

#include "stargate/catalog/catalog.h"

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

}  // namespace stargate
