#include "stargate/mapping/placement.h"

#include <algorithm>

namespace stargate {
namespace {

// A group of `size` ranks whose consecutive members are `stride` ranks apart: the domain of `domain` GPUs holds
// domain / stride of them (at least one).
CommGroup strided_group(int size, int stride, int domain) {
  int per_domain = std::clamp(domain / std::max(1, stride), 1, std::max(1, size));
  return CommGroup{size, per_domain};
}

}  // namespace

PlanGroups place_plan(const ParallelPlan& p, const NodeSpec& node) {
  const int domain = std::max(1, node.scale_up_domain);
  PlanGroups g;
  g.tp = strided_group(p.tp, 1, domain);
  g.cp = strided_group(p.cp, p.tp, domain);
  // The dense DP group spans cp×dp ranks starting at stride tp (cp is inner to dp).
  g.dp = strided_group(p.dp * p.cp, p.tp, domain);
  // Expert ranks over the tp·cp·dp ranks of a stage: etp innermost, then ep, then the expert-data-parallel group
  // (Megatron-Core parallel_state expert rank generator, order "tp-ep-dp" with tp = etp).
  const int etp = std::max(1, p.expert_tp);
  g.etp = strided_group(etp, 1, domain);
  g.ep = strided_group(p.ep, etp, domain);
  g.expert_dp = strided_group(std::max(1, p.tp * p.dp * p.cp / (etp * p.ep)), etp * p.ep, domain);
  g.pp_within_domain = static_cast<long long>(p.tp) * p.cp * p.dp < domain;
  return g;
}

}  // namespace stargate
