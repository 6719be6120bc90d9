#include <cctype>

#include "core/preset_fields.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

using detail::read_field;

int read_int(const YamlValue& v, const IntegerLimit& limit) { return static_cast<int>(v.as_integer(limit)); }
constexpr IntegerLimit kMlaWidth{1, limits::hidden.max};

// "owner/name", each part letters, digits, '-', '_' or '.': what a Hugging Face repository id may hold, and
// nothing a launch script or YAML file would have to escape.
bool is_hf_repo_id(const std::string& id) {
  const size_t slash = id.find('/');
  if (slash == 0 || slash == std::string::npos || slash + 1 == id.size() || id.size() > 200) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(id[i]);
    if (i == slash) continue;
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

void read_moe(YamlMap& map, MoeSpec& moe, bool complete) {
  read_field(map, "routed_experts", complete, [&](const YamlValue& v) { moe.routed_experts = read_int(v, limits::experts); });
  read_field(map, "top_k", complete, [&](const YamlValue& v) { moe.top_k = read_int(v, limits::experts); });
  read_field(map, "expert_ffn", complete, [&](const YamlValue& v) { moe.expert_ffn = read_int(v, limits::ffn); });
  if (auto v = map.optional_integer("shared_experts", 0, 1024)) moe.shared_experts = static_cast<int>(*v);
  if (auto v = map.optional_integer("first_dense_layers", 0, 100000)) moe.first_dense_layers = static_cast<int>(*v);
  map.finish();
  if (moe.top_k > moe.routed_experts) map.self().fail("top_k exceeds routed_experts");
}

void read_mla(YamlMap& map, MlaSpec& mla, bool complete) {
  if (auto v = map.optional_integer("q_lora_rank", 0, 1'000'000)) mla.q_lora_rank = static_cast<int>(*v);
  read_field(map, "kv_lora_rank", complete, [&](const YamlValue& v) { mla.kv_lora_rank = read_int(v, kMlaWidth); });
  read_field(map, "qk_nope_head_dim", complete, [&](const YamlValue& v) { mla.qk_nope_head_dim = read_int(v, kMlaWidth); });
  read_field(map, "qk_rope_head_dim", complete, [&](const YamlValue& v) { mla.qk_rope_head_dim = read_int(v, kMlaWidth); });
  read_field(map, "v_head_dim", complete, [&](const YamlValue& v) { mla.v_head_dim = read_int(v, kMlaWidth); });
  map.finish();
}

// `local_attention: {kind: sliding|chunked, window: N, layers: N}`: every field required.
LocalAttention read_local_attention(YamlMap& map, int model_layers) {
  LocalAttention a;
  a.kind = map.choice("kind", {"sliding", "chunked"}) == "sliding" ? LocalAttention::Kind::sliding
                                                                    : LocalAttention::Kind::chunked;
  a.window = static_cast<int>(map.integer("window", limits::seq_len));
  a.layers = static_cast<int>(map.integer("layers", limits::layers));
  if (model_layers > 0 && a.layers > model_layers) {
    map.require("layers").fail(std::to_string(a.layers) + " local-attention layers, but the model has " +
                               std::to_string(model_layers));
  }
  map.finish();
  return a;
}

}  // namespace

void read_model_fields(YamlMap& map, ModelSpec& m, bool complete) {
  read_field(map, "name", complete, [&](const YamlValue& v) { m.name = v.as_string(); });
  std::string arch = m.moe ? "moe" : "dense";
  read_field(map, "arch", complete, [&](const YamlValue& v) { arch = v.as_choice({"dense", "moe"}); });
  read_field(map, "layers", complete, [&](const YamlValue& v) { m.layers = read_int(v, limits::layers); });
  read_field(map, "hidden", complete, [&](const YamlValue& v) { m.hidden = read_int(v, limits::hidden); });
  read_field(map, "heads", complete, [&](const YamlValue& v) { m.heads = read_int(v, limits::heads); });
  read_field(map, "kv_heads", complete, [&](const YamlValue& v) { m.kv_heads = read_int(v, limits::heads); });
  bool explicit_head_dim = false;
  if (auto v = map.optional_integer("head_dim", limits::head_dim)) {
    m.head_dim = static_cast<int>(*v);
    explicit_head_dim = true;
  }
  read_field(map, "ffn", complete, [&](const YamlValue& v) { m.ffn = read_int(v, limits::ffn); });
  read_field(map, "vocab", complete, [&](const YamlValue& v) { m.vocab = read_int(v, limits::vocab); });
  read_field(map, "seq_len", complete, [&](const YamlValue& v) { m.seq_len = read_int(v, limits::seq_len); });
  if (auto v = map.optional_choice("activation", {"swiglu", "gelu", "relu", "squared-relu"})) {
    m.activation = *v == "swiglu" ? Activation::swiglu
                   : *v == "gelu" ? Activation::gelu
                   : *v == "relu" ? Activation::relu
                                  : Activation::squared_relu;
  }
  if (auto v = map.optional_choice("norm", {"rmsnorm", "layernorm"})) {
    m.norm = *v == "rmsnorm" ? NormKind::rmsnorm : NormKind::layernorm;
  }
  if (auto v = map.optional_choice("position", {"rope", "learned", "alibi"})) {
    m.position = *v == "rope" ? PositionKind::rope : *v == "learned" ? PositionKind::learned : PositionKind::alibi;
  }
  if (auto v = map.optional_boolean("tied_embeddings")) m.tied_embeddings = *v;
  if (auto v = map.optional_boolean("dropout")) m.dropout = *v;
  if (auto v = map.optional_quantity("params", Dimension::count)) m.published_params = *v;
  if (auto v = map.optional_quantity("active_params", Dimension::count)) m.published_active_params = *v;
  if (auto v = map.optional_integer("mtp_depth", 0, 16)) m.mtp_depth = static_cast<int>(*v);
  if (auto v = map.optional_string("source")) m.source = *v;
  if (auto v = map.get("hf_repo")) {
    m.hf_repo = v->as_string();
    if (!is_hf_repo_id(m.hf_repo)) {
      v->fail("hf_repo must be a Hugging Face repository id: owner/name of letters, digits, '-', '_' or '.'");
    }
  }
  if (auto v = map.optional_string("id")) {
    if (!m.id.empty() && *v != m.id) map.require("id").fail("id '" + *v + "' differs from the preset name '" + m.id + "'");
    m.id = *v;
  }
  if (auto moe = map.optional_map("moe")) {
    MoeSpec spec = m.moe.value_or(MoeSpec{});
    read_moe(*moe, spec, complete || !m.moe);
    m.moe = spec;
  }
  if (auto mla = map.optional_map("mla")) {
    MlaSpec spec = m.mla.value_or(MlaSpec{});
    read_mla(*mla, spec, complete || !m.mla);
    m.mla = spec;
  }
  if (auto local = map.optional_map("local_attention")) m.local_attention = read_local_attention(*local, m.layers);
  map.finish();

  if (arch == "moe" && !m.moe) map.self().fail("arch: moe needs a moe: section");
  if (arch == "dense" && m.moe) map.self().fail("a moe: section needs arch: moe");
  if (!explicit_head_dim && (complete || m.head_dim == 0)) {
    if (m.hidden % m.heads != 0) map.self().fail("hidden is not divisible by heads; give head_dim");
    m.head_dim = m.hidden / m.heads;
  }
  if (m.kv_heads > m.heads || m.heads % m.kv_heads != 0) {
    map.self().fail("heads (" + std::to_string(m.heads) + ") must be a multiple of kv_heads (" +
                    std::to_string(m.kv_heads) + ")");
  }
  if (m.moe && m.moe->first_dense_layers >= m.layers) map.self().fail("moe.first_dense_layers must be below layers");
}

}  // namespace stargate
