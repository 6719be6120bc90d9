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

// As make_topology_collectives, but an all-to-all takes its bandwidth term from the flow model solved by symmetry
// (symmetric_all_to_all.h) with every group of its shape on the cluster running at once, as the expert-parallel
// all-to-alls of all replicas and stages of a job do. Where the classes would not be exact (groups that straddle
// scale-up domains or do not tile the cluster, uneven leaves, a partial last pod) the analytical term stays.
// Thread-safe; a few microseconds per all-to-all.
std::unique_ptr<CollectiveModel> make_fabric_flow_collectives(const Cluster& cluster, const TopologyOptions& options);

}  // namespace stargate::net
