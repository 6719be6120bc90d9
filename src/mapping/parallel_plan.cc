#include "stargate/mapping/parallel_plan.h"

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
    case TpCommOverlap::wgrad: return "wgrad";
    case TpCommOverlap::decomposed: return "decomposed";
  }
  return "?";
}

const char* zero3_gather_name(Zero3Gather mode) {
  return mode == Zero3Gather::per_step ? "per_step" : "per_micro_batch";
}

const char* fp8_scaling_name(Fp8Scaling s) { return s == Fp8Scaling::current ? "current" : "delayed"; }

const char* moe_dispatcher_name(MoeDispatcher d) { return d == MoeDispatcher::deepep ? "deepep" : "alltoall"; }

}  // namespace stargate
