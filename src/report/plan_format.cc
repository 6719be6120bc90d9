#include "plan_format.h"

#include <fmt/format.h>

namespace stargate::report_detail {

namespace {

// The MoE choices of a plan with expert parallelism (" · deepep dispatch · expert TP 2 · EP overlap"); empty
// without it.
std::string expert_summary(const ParallelPlan& p) {
  if (p.ep <= 1 && p.expert_tp <= 1) return "";
  std::string out = fmt::format(" · {} dispatch", moe_dispatcher_name(p.moe_dispatcher));
  if (p.expert_tp > 1) out += fmt::format(" · expert TP {}", p.expert_tp);
  if (p.expert_imbalance > 0) out += fmt::format(" · expert imbalance {:g}", p.expert_imbalance);
  if (p.expert_capacity_factor > 0) out += fmt::format(" · token drop (capacity {:g})", p.expert_capacity_factor);
  if (p.ep_comm_overlap) out += " · EP overlap";
  return out;
}

// " tp-bulk" / " tp-decomposed" after a compact plan; nothing without TP overlap.
std::string tp_overlap_tag(TpCommOverlap mode) {
  return mode == TpCommOverlap::none ? "" : std::string(" tp-") + tp_comm_overlap_name(mode);
}

// The GEMM precision, with the recipe when it is fp8 or fp4: "bf16", "fp8 (delayed recipe)" or, compact, "fp8-delayed".
std::string precision_text(const ParallelPlan& p, bool compact) {
  const std::string dtype(dtype_name(p.precision));
  if (p.precision != Dtype::fp8 && p.precision != Dtype::fp4) return dtype;
  return compact ? dtype + "-" + fp8_recipe_name(p.fp8_recipe)
                 : dtype + " (" + fp8_recipe_name(p.fp8_recipe) + " recipe)";
}

}  // namespace

std::string plan_summary(const ParallelPlan& p) {
  return fmt::format("tp {} · pp {} · dp {} · cp {} · ep {} · vpp {} · micro-batch {} · ZeRO-{} · recompute {} · {}{}{}{}",
                     p.tp, p.pp, p.dp, p.cp, p.ep, p.vpp, p.micro_batch, p.zero_stage, recompute_name(p.recompute),
                     precision_text(p, false), p.sequence_parallel && p.tp > 1 ? " · sequence parallel" : "",
                     expert_summary(p), p.offload.any() ? " · offload " + host_offload_name(p.offload) : "");
}

std::string plan_compact(const ParallelPlan& p) {
  return fmt::format("tp{} pp{} dp{} cp{} ep{} vpp{} mb{} zero{} {} {}{}{}{}", p.tp, p.pp, p.dp, p.cp, p.ep, p.vpp,
                     p.micro_batch, p.zero_stage, recompute_name(p.recompute), precision_text(p, true),
                     p.sequence_parallel && p.tp > 1 ? " sp" : "", tp_overlap_tag(p.tp_comm_overlap),
                     p.offload.any() ? " offload-" + host_offload_name(p.offload) : "");
}

nlohmann::json plan_to_json(const ParallelPlan& p) {
  nlohmann::json out = {{"tp", p.tp}, {"pp", p.pp}, {"dp", p.dp}, {"cp", p.cp}, {"ep", p.ep}, {"vpp", p.vpp},
          {"micro_batch", p.micro_batch}, {"zero", p.zero_stage}, {"recompute", recompute_name(p.recompute)},
          {"precision", dtype_name(p.precision)}, {"sequence_parallel", p.sequence_parallel},
          {"tp_comm_overlap", tp_comm_overlap_name(p.tp_comm_overlap)}, {"fp8_recipe", fp8_recipe_name(p.fp8_recipe)},
          {"dp_overlap", p.dp_overlap}, {"dp_param_gather_overlap", p.dp_param_gather_overlap},
          {"dp_bucket_params", p.dp_bucket_params}, {"zero3_gather", zero3_gather_name(p.zero3_gather)}};
  if (p.pp_scatter_gather) out["pp_scatter_gather"] = true;  // written only where set (other outputs unchanged)
  if (p.offload.any()) {  // only where state is offloaded (outputs without offload stay as they were)
    out["offload"] = {{"weights", p.offload.weights}, {"activations", p.offload.activations},
                      {"optimizer", p.offload.optimizer}};
  }
  if (p.ep > 1 || p.expert_tp > 1) {  // MoE choices only where experts are split (dense outputs stay as they were)
    out["expert_tp"] = p.expert_tp;
    out["moe_dispatcher"] = moe_dispatcher_name(p.moe_dispatcher);
    out["ep_comm_overlap"] = p.ep_comm_overlap;
    out["expert_imbalance"] = p.expert_imbalance;  // 0: computed from balanced random routing
    // Written only with token dropping (dropless outputs stay as they were).
    if (p.expert_capacity_factor > 0) out["expert_capacity_factor"] = p.expert_capacity_factor;
  }
  return out;
}

}  // namespace stargate::report_detail
