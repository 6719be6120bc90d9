#pragma once
// Placement of a plan's ranks on the cluster, Megatron order (tp innermost, then cp, then dp/ep, pp outermost):
// the communicator groups each parallel dimension forms and how many of their ranks share a scale-up domain.
#include "stargate/catalog/node.h"
#include "stargate/mapping/parallel_plan.h"
#include "stargate/mapping/comm_group.h"

namespace stargate {

struct PlanGroups {
  CommGroup tp;
  CommGroup cp;
  CommGroup dp;         // data-parallel group of dense weights: dp·cp ranks (CP ranks also average gradients)
  CommGroup etp;        // expert-tensor-parallel group (tokens all-gathered over it after dispatch)
  CommGroup ep;         // expert-parallel all-to-all group
  CommGroup expert_dp;  // data-parallel group of expert weights
  bool pp_within_domain = false;  // adjacent pipeline stages share a scale-up domain
};

PlanGroups place_plan(const ParallelPlan& plan, const NodeSpec& node);

}  // namespace stargate
