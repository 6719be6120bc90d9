#include "stargate/net/cluster_collectives.h"

#include "stargate/net/topology_collectives.h"

namespace stargate {

std::unique_ptr<CollectiveModel> make_cluster_collectives(const Cluster& cluster) {
  return net::make_topology_collectives(cluster);
}

std::unique_ptr<CollectiveModel> make_cluster_flow_collectives(const Cluster& cluster) {
  return net::make_fabric_flow_collectives(cluster, net::default_topology_options(cluster));
}

}  // namespace stargate
