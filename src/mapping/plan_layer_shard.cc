#include "stargate/mapping/plan_layer_shard.h"

#include <algorithm>

namespace stargate {

double plan_expert_imbalance(const ModelSpec& m, const ParallelPlan& plan, int seq_len) {
  if (!m.moe) return 1;
  if (plan.expert_imbalance > 0) return plan.expert_imbalance;
  // Each EP rank gathers the rows of its expert-TP peers: etp times its own routed tokens.
  const double own = static_cast<double>(plan.micro_batch) * seq_len / plan.cp / std::max(1, plan.tp);
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
                    .expert_rows_sorted_after_dispatch = plan.moe_dispatcher == MoeDispatcher::alltoall};
}

}  // namespace stargate
