#include "plan_format.h"

#include <fmt/format.h>

namespace stargate::report_detail {

namespace {

// " tp-bulk" / " tp-decomposed" after a compact plan; nothing without TP overlap.
std::string tp_overlap_tag(TpCommOverlap mode) {
  return mode == TpCommOverlap::none ? "" : std::string(" tp-") + tp_comm_overlap_name(mode);
}

}  // namespace

std::string plan_summary(const ParallelPlan& p) {
  return fmt::format("tp {} · pp {} · dp {} · cp {} · ep {} · vpp {} · micro-batch {} · ZeRO-{} · recompute {} · {}{}",
                     p.tp, p.pp, p.dp, p.cp, p.ep, p.vpp, p.micro_batch, p.zero_stage, recompute_name(p.recompute),
                     dtype_name(p.precision), p.sequence_parallel && p.tp > 1 ? " · sequence parallel" : "");
}

std::string plan_compact(const ParallelPlan& p) {
  return fmt::format("tp{} pp{} dp{} cp{} ep{} vpp{} mb{} zero{} {} {}{}{}", p.tp, p.pp, p.dp, p.cp, p.ep, p.vpp,
                     p.micro_batch, p.zero_stage, recompute_name(p.recompute), dtype_name(p.precision),
                     p.sequence_parallel && p.tp > 1 ? " sp" : "", tp_overlap_tag(p.tp_comm_overlap));
}

nlohmann::json plan_to_json(const ParallelPlan& p) {
  return {{"tp", p.tp}, {"pp", p.pp}, {"dp", p.dp}, {"cp", p.cp}, {"ep", p.ep}, {"vpp", p.vpp},
          {"micro_batch", p.micro_batch}, {"zero", p.zero_stage}, {"recompute", recompute_name(p.recompute)},
          {"precision", dtype_name(p.precision)}, {"sequence_parallel", p.sequence_parallel},
          {"tp_comm_overlap", tp_comm_overlap_name(p.tp_comm_overlap)}, {"fp8_scaling", fp8_scaling_name(p.fp8_scaling)},
          {"dp_overlap", p.dp_overlap}, {"dp_param_gather_overlap", p.dp_param_gather_overlap},
          {"dp_bucket_params", p.dp_bucket_params}, {"zero3_gather", zero3_gather_name(p.zero3_gather)}};
}

}  // namespace stargate::report_detail
