#include "stargate/workload/describe_model.h"

namespace stargate {

SpecDescription describe(const ModelSpec& m) {
  std::map<std::string, std::string> sources;
  if (!m.source.empty()) sources["model"] = m.source;
  SpecRowBuilder b(sources);
  b.text("name", "model", m.name);
  b.text("arch", "model", m.is_moe() ? "moe" : "dense");
  b.integer("layers", "model", m.layers);
  b.integer("hidden", "model", m.hidden);
  b.integer("heads", "model", m.heads);
  b.integer("kv_heads", "model", m.kv_heads);
  b.integer("head_dim", "model", m.head_dim);
  b.integer("ffn", "model", m.ffn);
  b.integer("vocab", "model", m.vocab);
  b.integer("seq_len", "model", m.seq_len);
  b.text("activation", "model", activation_name(m.activation));
  b.text("norm", "model", m.norm == NormKind::rmsnorm ? "rmsnorm" : "layernorm");
  b.text("position", "model", position_name(m.position));
  b.flag("tied_embeddings", "model", m.tied_embeddings);
  b.flag("dropout", "model", m.dropout);
  if (m.moe) {
    b.integer("moe.routed_experts", "model", m.moe->routed_experts);
    b.integer("moe.top_k", "model", m.moe->top_k);
    b.integer("moe.expert_ffn", "model", m.moe->expert_ffn);
    b.integer("moe.shared_experts", "model", m.moe->shared_experts);
    b.integer("moe.first_dense_layers", "model", m.moe->first_dense_layers);
  }
  if (m.mla) {
    b.integer("mla.q_lora_rank", "model", m.mla->q_lora_rank);
    b.integer("mla.kv_lora_rank", "model", m.mla->kv_lora_rank);
    b.integer("mla.qk_nope_head_dim", "model", m.mla->qk_nope_head_dim);
    b.integer("mla.qk_rope_head_dim", "model", m.mla->qk_rope_head_dim);
    b.integer("mla.v_head_dim", "model", m.mla->v_head_dim);
  }
  if (m.local_attention) {
    b.text("local_attention.kind", "model", local_attention_kind_name(m.local_attention->kind));
    b.integer("local_attention.window", "model", m.local_attention->window);
    b.integer("local_attention.layers", "model", m.local_attention->layers);
  }
  const ParameterCount count = count_parameters(m);
  b.quantity("params.computed", "", count.total(), Dimension::count);
  if (m.is_moe()) b.quantity("params.active_computed", "", count.active(m), Dimension::count);
  if (m.published_params > 0) b.quantity("params.published", "model", m.published_params, Dimension::count);
  if (m.published_active_params > 0) {
    b.quantity("params.active_published", "model", m.published_active_params, Dimension::count);
  }
  return {"model", m.id, std::move(b.rows)};
}

}  // namespace stargate
