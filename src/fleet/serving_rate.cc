// Decode capacity per GPU from the serving step-time model (see delivery.h).
#include "stargate/fleet/delivery.h"
#include "stargate/serving/step_time.h"
#include "stargate/serving/serving_config.h"

namespace stargate {

ServingRate serving_rate(const Generation& generation, const FleetServingWorkload& workload) {
  ServingRate out;
  const int tp = std::min(workload.tp, generation.node.scale_up_domain);
  const Cluster cluster{generation.accelerator, generation.node, generation.fabric, tp};
  StepTimeOptions options;
  options.tp = tp;
  StepTimeModel steps(workload.model_spec, cluster, options);
  const double usable = SchedulerConfig{}.usable_hbm_bytes(generation.accelerator) - steps.weight_bytes_per_gpu();
  const double kv_per_seq = steps.kv_bytes_per_token_per_gpu() * workload.context_tokens;
  auto step_for = [&](int b) {
    BatchShape shape;
    shape.decode_seqs = b;
    shape.decode_context = static_cast<double>(b) * workload.context_tokens;
    shape.logit_rows = b;
    return steps.seconds(shape);
  };
  auto fits = [&](int b) { return b * kv_per_seq + steps.activation_bytes_per_gpu(b) <= usable; };
  if (usable <= 0 || !fits(1) || step_for(1) > workload.tpot_seconds) {
    out.limited_by = usable <= 0 || !fits(1) ? "kv-cache" : "tpot";
    return out;
  }
  // Largest batch meeting both (step time and memory grow with the batch): binary search.
  int lo = 1, hi = 1;
  while (hi < (1 << 16) && fits(hi * 2) && step_for(hi * 2) <= workload.tpot_seconds) hi *= 2;
  lo = hi;
  hi = hi * 2;
  while (hi - lo > 1) {
    const int mid = (lo + hi) / 2;
    if (fits(mid) && step_for(mid) <= workload.tpot_seconds) lo = mid; else hi = mid;
  }
  out.batch = lo;
  out.step_seconds = step_for(lo);
  out.tokens_per_s_per_gpu = lo / out.step_seconds / tp;
  out.limited_by = fits(lo + 1) ? "tpot" : "kv-cache";
  return out;
}

}  // namespace stargate
