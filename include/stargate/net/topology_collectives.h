#pragma once
// The topology-aware collective model behind the CollectiveModel interface, so the training and serving models can
// swap it in for make_alpha_beta_collectives(): NCCL's algorithms and protocols on the cluster's built topology.
#include <memory>

#include "stargate/net/topology.h"
#include "stargate/perf/collective_model.h"

namespace stargate::net {

// Contract: seconds() is estimate_collective(...).seconds with NCCL's automatic choice; thread-safe (immutable);
// a few hundred nanoseconds per call. `options` defaults to default_topology_options(cluster).
std::unique_ptr<CollectiveModel> make_topology_collectives(const Cluster& cluster, const TopologyOptions& options);
std::unique_ptr<CollectiveModel> make_topology_collectives(const Cluster& cluster);

}  // namespace stargate::net
