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
    case TpCommOverlap::wgrad: return "wgrad";
    case TpCommOverlap::decomposed: return "decomposed";
  }
  return "?";
}

const char* zero3_gather_name(Zero3Gather mode) {
  switch (mode) {
    case Zero3Gather::per_step: return "per_step";
    case Zero3Gather::per_module: return "per_module";
    case Zero3Gather::per_micro_batch: return "per_micro_batch";
  }
  return "?";
}

const char* fp8_recipe_name(Fp8Recipe r) {
  switch (r) {
    case Fp8Recipe::delayed: return "delayed";
    case Fp8Recipe::current: return "current";
    case Fp8Recipe::rowwise: return "rowwise";
    case Fp8Recipe::blockwise: return "blockwise";
    case Fp8Recipe::mxfp8: return "mxfp8";
    case Fp8Recipe::nvfp4: return "nvfp4";
    case Fp8Recipe::te_current: return "te_current";
  }
  return "?";
}

std::optional<Fp8Recipe> fp8_recipe_from_name(const std::string& name) {
  for (int i = 0; i < kFp8RecipeCount; ++i) {
    const auto recipe = static_cast<Fp8Recipe>(i);
    if (name == fp8_recipe_name(recipe)) return recipe;
  }
  return std::nullopt;
}

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
