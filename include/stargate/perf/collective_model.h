#pragma once
// Time of one collective on a cluster: the interface the training and serving models call, so that the detailed
// network model (topologies, NCCL algorithms, contention) can replace the analytical α–β model.
#include <memory>

#include "stargate/catalog/cluster.h"
#include "stargate/mapping/comm_group.h"

namespace stargate {

enum class Collective { all_reduce, all_gather, reduce_scatter, all_to_all, send_recv };

// Contract: seconds for one collective; `bytes` is the per-rank buffer as nccl-tests counts it (all-reduce and
// all-to-all: the whole buffer; all-gather: the gathered output; reduce-scatter: the input; send/recv: the
// message). A group of one rank costs 0. Never negative; non-decreasing in `bytes`.
class CollectiveModel {
 public:
  virtual ~CollectiveModel() = default;
  virtual double seconds(Collective op, double bytes, const CommGroup& group) const = 0;
};

// Hierarchical α–β model (DESIGN.md "Collectives"): ring within the scale-up domain at NCCL's achieved bus
// bandwidth, then across domains over each GPU's NIC (rail-aligned), with per-step latencies.
std::unique_ptr<CollectiveModel> make_alpha_beta_collectives(const Cluster& cluster);

}  // namespace stargate
