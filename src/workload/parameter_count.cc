#include "stargate/workload/model.h"

namespace stargate {

double ffn_params(int hidden, int ffn, Activation activation) {
  const double matrices = activation == Activation::swiglu ? 3.0 : 2.0;
  return matrices * static_cast<double>(hidden) * ffn;
}

double attention_params_per_layer(const ModelSpec& m) {
  const double h = m.hidden;
  if (m.mla) {
    // DeepSeek-V3 MLA: q down (h x q_lora) + q up (q_lora x heads*(nope+rope)), kv down (h x (kv_lora + rope)),
    // kv up (kv_lora x heads*(nope + v)), output (heads*v x h); plus the two low-rank norms.
    const MlaSpec& a = *m.mla;
    const double qk_dim = a.qk_nope_head_dim + a.qk_rope_head_dim;
    double q = a.q_lora_rank > 0 ? h * a.q_lora_rank + static_cast<double>(a.q_lora_rank) * m.heads * qk_dim
                                 : h * m.heads * qk_dim;
    double kv = h * (a.kv_lora_rank + a.qk_rope_head_dim) +
                static_cast<double>(a.kv_lora_rank) * m.heads * (a.qk_nope_head_dim + a.v_head_dim);
    double out = static_cast<double>(m.heads) * a.v_head_dim * h;
    return q + kv + out + a.q_lora_rank + a.kv_lora_rank;
  }
  const double q = h * m.heads * m.head_dim;
  const double kv = 2.0 * h * m.kv_heads * m.head_dim;
  const double out = static_cast<double>(m.heads) * m.head_dim * h;
  return q + kv + out;
}

ParameterCount count_parameters(const ModelSpec& m) {
  ParameterCount count;
  const double h = m.hidden;
  count.embedding = static_cast<double>(m.vocab) * h * (m.tied_embeddings ? 1 : 2);
  if (m.position == PositionKind::learned) count.embedding += static_cast<double>(m.seq_len) * h;
  const double norm_params = m.norm == NormKind::layernorm ? 2 * h : h;
  count.norms = (2.0 * m.layers + 1) * norm_params;
  count.attention = attention_params_per_layer(m) * m.layers;
  const int dense_layers = m.moe ? m.moe->first_dense_layers : m.layers;
  count.dense_ffn = ffn_params(m.hidden, m.ffn, m.activation) * dense_layers;
  if (m.moe) {
    const double expert = ffn_params(m.hidden, m.moe->expert_ffn, m.activation);
    count.experts = expert * m.moe->routed_experts * m.moe_layers();
    count.shared_experts = expert * m.moe->shared_experts * m.moe_layers();
    count.router = h * m.moe->routed_experts * m.moe_layers();
  }
  return count;
}

double ParameterCount::active(const ModelSpec& model) const {
  double routed = model.moe ? experts * model.moe->top_k / model.moe->routed_experts : 0;
  return embedding + attention + dense_ffn + routed + shared_experts + router + norms;
}

}  // namespace stargate
