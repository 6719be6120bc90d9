#include "stargate/report/model_yaml.h"

#include <fmt/format.h>

namespace stargate {
namespace {

// A YAML double-quoted scalar.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

void append_moe_and_mla(const ModelSpec& m, std::string& out) {
  if (m.moe) {
    out += fmt::format("moe:\n  routed_experts: {}\n  top_k: {}\n  expert_ffn: {}\n  shared_experts: {}\n"
                       "  first_dense_layers: {}\n",
                       m.moe->routed_experts, m.moe->top_k, m.moe->expert_ffn, m.moe->shared_experts,
                       m.moe->first_dense_layers);
  }
  if (m.mla) {
    out += fmt::format("mla:\n  q_lora_rank: {}\n  kv_lora_rank: {}\n  qk_nope_head_dim: {}\n  qk_rope_head_dim: {}\n"
                       "  v_head_dim: {}\n",
                       m.mla->q_lora_rank, m.mla->kv_lora_rank, m.mla->qk_nope_head_dim, m.mla->qk_rope_head_dim,
                       m.mla->v_head_dim);
  }
}

}  // namespace

std::string model_preset_yaml(const ModelSpec& m) {
  const ParameterCount count = count_parameters(m);
  std::string out = fmt::format("# computed: {:.3f}B parameters, {:.3f}B active per token (weights, excluding MTP)\n",
                                count.total() / 1e9, count.active(m) / 1e9);
  out += fmt::format("id: {}\nname: {}\narch: {}\n", m.id, quoted(m.name), m.moe ? "moe" : "dense");
  out += fmt::format("layers: {}\nhidden: {}\nheads: {}\nkv_heads: {}\nhead_dim: {}\nffn: {}\nvocab: {}\nseq_len: {}\n",
                     m.layers, m.hidden, m.heads, m.kv_heads, m.head_dim, m.ffn, m.vocab, m.seq_len);
  out += fmt::format("activation: {}\nnorm: {}\nposition: {}\ntied_embeddings: {}\n", activation_name(m.activation),
                     m.norm == NormKind::rmsnorm ? "rmsnorm" : "layernorm",
                     position_name(m.position),
                     m.tied_embeddings ? "true" : "false");
  if (m.dropout) out += "dropout: true\n";
  if (m.published_params > 0) out += fmt::format("params: {}\n", m.published_params);
  if (m.published_active_params > 0) out += fmt::format("active_params: {}\n", m.published_active_params);
  append_moe_and_mla(m, out);
  if (m.local_attention) {
    out += fmt::format("local_attention:\n  kind: {}\n  window: {}\n  layers: {}\n",
                       local_attention_kind_name(m.local_attention->kind), m.local_attention->window,
                       m.local_attention->layers);
  }
  if (m.mtp_depth > 0) out += fmt::format("mtp_depth: {}\n", m.mtp_depth);
  out += fmt::format("source: {}\n", quoted(m.source));
  if (!m.hf_repo.empty()) out += fmt::format("hf_repo: {}\n", m.hf_repo);
  return out;
}

}  // namespace stargate
