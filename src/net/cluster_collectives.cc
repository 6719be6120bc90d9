#include "stargate/net/cluster_collectives.h"

#include "stargate/net/topology_collectives.h"

namespace stargate {

std::unique_ptr<CollectiveModel> make_cluster_collectives(const Cluster& cluster) {
  return net::make_topology_collectives(cluster);
}

}  // namespace stargate
