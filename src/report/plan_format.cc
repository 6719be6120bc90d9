#include "plan_format.h"

#include <fmt/format.h>

namespace stargate::report_detail {

std::string plan_summary(const ParallelPlan& p) {
  return fmt::format("tp {} · pp {} · dp {} · cp {} · ep {} · vpp {} · micro-batch {} · ZeRO-{} · recompute {} · {}{}",
                     p.tp, p.pp, p.dp, p.cp, p.ep, p.vpp, p.micro_batch, p.zero_stage, recompute_name(p.recompute),
                     dtype_name(p.precision), p.sequence_parallel && p.tp > 1 ? " · sequence parallel" : "");
}

std::string plan_compact(const ParallelPlan& p) {
  return fmt::format("tp{} pp{} dp{} cp{} ep{} vpp{} mb{} zero{} {} {}{}{}", p.tp, p.pp, p.dp, p.cp, p.ep, p.vpp,
                     p.micro_batch, p.zero_stage, recompute_name(p.recompute), dtype_name(p.precision),
                     p.sequence_parallel && p.tp > 1 ? " sp" : "", p.tp_comm_overlap ? " tp-overlap" : "");
}

nlohmann::json plan_to_json(const ParallelPlan& p) {
  return {{"tp", p.tp}, {"pp", p.pp}, {"dp", p.dp}, {"cp", p.cp}, {"ep", p.ep}, {"vpp", p.vpp},
          {"micro_batch", p.micro_batch}, {"zero", p.zero_stage}, {"recompute", recompute_name(p.recompute)},
          {"precision", dtype_name(p.precision)}, {"sequence_parallel", p.sequence_parallel},
          {"tp_comm_overlap", p.tp_comm_overlap}, {"fp8_scaling", fp8_scaling_name(p.fp8_scaling)}};
}

}  // namespace stargate::report_detail
