#pragma once
// The collective model every estimator uses for a cluster: the topology-aware NCCL model of the net layer
// (placement-aware tiers, algorithm and protocol choice), behind the CollectiveModel interface.
#include <memory>

#include "stargate/perf/collective_model.h"

namespace stargate {

std::unique_ptr<CollectiveModel> make_cluster_collectives(const Cluster& cluster);

// The same, with all-to-alls (expert parallelism) on the flow model solved by the fabric's symmetry where it is
// uniform (net/topology_collectives.h make_fabric_flow_collectives); the fleet's training runs use it.
std::unique_ptr<CollectiveModel> make_cluster_flow_collectives(const Cluster& cluster);

}  // namespace stargate
