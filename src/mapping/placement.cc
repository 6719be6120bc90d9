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
  g.ep = strided_group(p.ep, p.tp, domain);
  g.expert_dp = strided_group(std::max(1, p.dp * p.cp / p.ep), p.tp * p.ep, domain);
  g.pp_within_domain = static_cast<long long>(p.tp) * p.cp * p.dp < domain;
  return g;
}

}  // namespace stargate
