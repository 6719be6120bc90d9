#include "stargate/mapping/low_precision_memory.h"

#include <algorithm>

#include "stargate/mapping/fp8_recipe.h"

namespace stargate {
namespace {

bool low_precision(const ParallelPlan& plan) { return plan.precision == Dtype::fp8 || plan.precision == Dtype::fp4; }

}  // namespace

double low_precision_weight_parameters(const ModelSpec& m, const ParallelPlan& plan, int stage) {
  const StageParameters params = stage_parameters(m, plan, stage);
  const double embedding = static_cast<double>(m.vocab) * m.hidden / plan.tp;
  double bf16_layers = 0;
  if (stage == 0) bf16_layers += embedding;
  if (stage == plan.pp - 1 && (!m.tied_embeddings || plan.pp > 1)) bf16_layers += embedding;
  return std::max(0.0, params.dense - bf16_layers) + params.experts;
}

double cached_low_precision_weight_bytes(const ModelSpec& m, const ParallelPlan& plan, int stage) {
  if (!low_precision(plan) || plan.zero_stage >= 3) return 0;
  const double per_parameter = fp8_recipe_costs(plan.fp8_recipe).cached_weight_bytes_per_parameter;
  return per_parameter > 0 ? per_parameter * low_precision_weight_parameters(m, plan, stage) : 0;
}

double low_precision_saved_input_savings_bytes(const ModelSpec& m, const LayerShard& s, int layer_index,
                                               const ParallelPlan& plan) {
  if (!low_precision(plan)) return 0;
  if (plan.recompute == Recompute::full || plan.recompute == Recompute::selective_ops) return 0;
  const double saved = fp8_recipe_costs(plan.fp8_recipe).saved_input_bytes_per_element;
  if (!(saved < 2)) return 0;
  const double t = s.tp, h = m.hidden;
  const double seq_shard = s.sequence_parallel ? t : 1;
  const double out_width =
      m.mla ? static_cast<double>(m.heads) * m.mla->v_head_dim : static_cast<double>(m.heads) * m.head_dim;
  // Elements per token of the GEMM inputs layer_activation_bytes counts at 2 B: the QKV and FFN inputs (norm
  // outputs, sharded by sequence parallelism) and the attention projection's input.
  double elements = 2 * h / seq_shard + out_width / t;
  if (m.layer_is_moe(layer_index)) {
    const MoeSpec& moe = *m.moe;
    const double etp = std::max(1, s.expert_tp);
    const double routed = moe.top_k * s.expert_load_imbalance * etp / t;
    elements += routed * (h + moe.expert_ffn / etp);  // each routed row's up and down projection inputs
    elements += static_cast<double>(moe.expert_ffn) * moe.shared_experts / t;
  } else {
    elements += m.ffn / t;  // the down projection's input (the activation output)
  }
  const double tokens = s.micro_batch * s.seq_len / s.cp;
  return tokens * elements * (2 - saved);
}

}  // namespace stargate
