#include "stargate/mapping/plan_layer_shard.h"

#include <algorithm>
#include <cmath>

namespace stargate {

namespace {

double routed_tokens_per_rank(const ParallelPlan& plan, int seq_len) {
  return static_cast<double>(plan.micro_batch) * seq_len / plan.cp / std::max(1, plan.tp);
}

// TE's Fp8Padding align size for the plan's low-precision GEMMs (transformer_engine/pytorch/module/fp8_padding.py:
// 32 for MXFP8, 16 otherwise; NVFP4 needs the MXFP8-sized 32-row blocks too); 0 for bf16/fp16 GEMMs.
int low_precision_row_alignment(const ParallelPlan& plan) {
  if (plan.precision != Dtype::fp8 && plan.precision != Dtype::fp4) return 0;
  return plan.fp8_recipe == Fp8Recipe::mxfp8 || plan.fp8_recipe == Fp8Recipe::nvfp4 ? 32 : 16;
}

// The padding copies happen unless every expert's row count is a multiple of the alignment: dropless routing's
// counts vary from step to step (some expert is always off by a few rows), padded capacity's are fixed.
int expert_row_alignment(const ModelSpec& m, const ParallelPlan& plan, int seq_len) {
  const int align = low_precision_row_alignment(plan);
  if (!m.moe || align == 0) return 0;
  if (!(plan.expert_capacity_factor > 0)) return align;
  const double rows = padded_capacity_rows_per_expert(routed_tokens_per_rank(plan, seq_len), m.moe->top_k,
                                                      m.moe->routed_experts, plan.expert_capacity_factor,
                                                      plan.ep * std::max(1, plan.expert_tp));
  return std::fmod(rows, align) == 0 ? 0 : align;
}

}  // namespace

double plan_expert_imbalance(const ModelSpec& m, const ParallelPlan& plan, int seq_len) {
  if (!m.moe) return 1;
  if (plan.expert_imbalance > 0) return plan.expert_imbalance;
  const double own = routed_tokens_per_rank(plan, seq_len);
  if (plan.expert_capacity_factor > 0) {
    return padded_capacity_load(own, m.moe->top_k, m.moe->routed_experts, plan.expert_capacity_factor);
  }
  // Each EP rank gathers the rows of its expert-TP peers: etp times its own routed tokens.
  return expected_expert_load_imbalance(own * std::max(1, plan.expert_tp), m.moe->top_k, m.moe->routed_experts,
                                        plan.ep);
}

LayerShard plan_layer_shard(const ModelSpec& m, const ParallelPlan& plan, int seq_len, bool flash_attention) {
  return LayerShard{.tp = plan.tp,
                    .cp = plan.cp,
                    .ep = plan.ep,
                    .sequence_parallel = plan.sequence_parallel && plan.tp > 1,
                    .micro_batch = static_cast<double>(plan.micro_batch),
                    .seq_len = static_cast<double>(seq_len),
                    .expert_load_imbalance = plan_expert_imbalance(m, plan, seq_len),
                    .dropout = m.dropout,
                    .flash_attention = flash_attention,
                    .expert_tp = plan.expert_tp,
                    .expert_rows_sorted_after_dispatch = plan.moe_dispatcher == MoeDispatcher::alltoall,
                    .expert_row_alignment = expert_row_alignment(m, plan, seq_len)};
}

}  // namespace stargate
