#include "stargate/mapping/parallel_plan.h"

#include <cmath>

namespace stargate {

std::string recompute_name(Recompute r) {
  switch (r) {
    case Recompute::none: return "none";
    case Recompute::selective: return "selective";
    case Recompute::full: return "full";
    case Recompute::selective_ops: return "selective_ops";
  }
  return "?";
}

const char* tp_comm_overlap_name(TpCommOverlap mode) {
  switch (mode) {
    case TpCommOverlap::none: return "none";
    case TpCommOverlap::bulk: return "bulk";
    case TpCommOverlap::decomposed: return "decomposed";
  }
  return "?";
}

const char* zero3_gather_name(Zero3Gather mode) {
  return mode == Zero3Gather::per_step ? "per_step" : "per_micro_batch";
}

const char* fp8_scaling_name(Fp8Scaling s) { return s == Fp8Scaling::current ? "current" : "delayed"; }

const char* moe_dispatcher_name(MoeDispatcher d) { return d == MoeDispatcher::deepep ? "deepep" : "alltoall"; }

std::string host_offload_name(const HostOffload& offload) {
  std::string out;
  const std::pair<const char*, double> kinds[] = {
      {"weights", offload.weights}, {"activations", offload.activations}, {"optimizer", offload.optimizer}};
  for (const auto& [name, share] : kinds) {
    if (share <= 0) continue;
    if (!out.empty()) out += "+";
    out += name;
    if (share < 1) out += ":" + std::to_string(static_cast<int>(std::lround(100 * share))) + "%";
  }
  return out.empty() ? "none" : out;
}

}  // namespace stargate
