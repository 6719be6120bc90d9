#pragma once
// Clusters from the built-in catalog for the network tests.
#include <string>

#include "stargate/catalog/catalog.h"
#include "stargate/catalog/cluster.h"

namespace stargate::net::net_testing {

inline Cluster catalog_cluster(const std::string& accelerator, const std::string& node, const std::string& fabric,
                               int gpus) {
  const Catalog& c = Catalog::builtin();
  return Cluster{*c.find_accelerator(accelerator), *c.find_node(node), *c.find_fabric(fabric), gpus};
}

inline Cluster dgx_h100(int gpus) { return catalog_cluster("h100-sxm", "dgx-h100", "infiniband-ndr", gpus); }

}  // namespace stargate::net::net_testing
