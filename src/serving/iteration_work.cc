// Model FLOPs and HBM bytes of one serving iteration (StepTimeModel::work), for the utilization figures of
// ServingResult: what share of the card's compute and memory bandwidth the simulated iterations use.
#include <algorithm>

#include "stargate/serving/step_time.h"

namespace stargate {

IterationWork StepTimeModel::work(const BatchShape& b) const {
  if (b.tokens() <= 0) return {};
  const double tokens = b.tokens(), tp = engine_gpus(), h = model_.hidden;
  const double head_dim = model_.head_dim > 0 ? model_.head_dim : double(model_.hidden) / model_.heads;
  const double query_width = model_.heads * head_dim;  // one layer's
  // Query-key pairs and cached tokens read, summed over layers: windowed layers (LocalAttention) see their window.
  const double decode_context_per_seq = b.decode_seqs > 0 ? b.decode_context / b.decode_seqs : 0;
  double layer_prefill_pairs = b.prefill_pairs * model_.global_attention_layers();
  double layer_decode_context = b.decode_context * model_.global_attention_layers();
  if (const auto& local = model_.local_attention) {
    layer_prefill_pairs += local->layers * local->prefill_pairs(b.prefill_tokens, b.prefill_pairs);
    layer_decode_context += local->layers * b.decode_seqs * local->attended(decode_context_per_seq);
  }
  // Routed experts: each token reaches top_k of them; weights are read at most once per iteration. Under
  // attention data parallelism the ranks' tokens share the experts: this engine's part is 1/attention_dp of what
  // all ranks' tokens touch.
  double expert_share = 0;
  const double ranks = options_.attention_dp;
  if (model_.moe) {
    expert_share = std::min(1.0, tokens * ranks * model_.moe->top_k / model_.moe->routed_experts) / ranks;
  }
  const double routed_active = model_.moe ? routed_expert_params_ * model_.moe->top_k / model_.moe->routed_experts : 0;
  IterationWork w;
  w.flops_per_gpu = (2 * tokens * (dense_linear_params_ + routed_active)     // GEMMs
                     + 4 * (layer_prefill_pairs + layer_decode_context * (1.0 + double(b.draft_tokens) /
                                                                            std::max(1, b.decode_seqs))) *
                           query_width  // QKᵀ, PV
                     + 2 * b.logit_rows * h * model_.vocab) / tp;                  // LM head
  const double weight_bytes = (dense_linear_params_ + routed_expert_params_ * expert_share) *
                                  dtype_bytes(options_.weights) + double(model_.vocab) * h * 2;  // + bf16 LM head
  // kv_bytes_per_token_ is already per GPU (all layers); cached context of prefill chunks is read once per chunk
  // (≈ pairs/q); windowed layers read their window's share.
  const double layer_prefill_context = b.prefill_tokens > 0 ? std::max(0.0, layer_prefill_pairs / b.prefill_tokens) : 0;
  const double kv_bytes_per_layer_token = kv_bytes_per_token_ / model_.layers;
  w.hbm_bytes_per_gpu = weight_bytes / tp + (layer_decode_context + layer_prefill_context) * kv_bytes_per_layer_token +
                        tokens * kv_bytes_per_token_;
  return w;
}

}  // namespace stargate
