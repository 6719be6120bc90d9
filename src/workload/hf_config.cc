#include "stargate/workload/hf_config.h"

#include <algorithm>
#include <filesystem>

#include "core/yaml_map.h"
#include "hf_config_families.h"
#include "hf_config_keys.h"

namespace stargate {
namespace {

using detail::HfConfigKeys;
using detail::HfFamily;
using detail::MoeLayout;
using Json = nlohmann::json;

constexpr IntegerLimit kRank{0, 1 << 20};
constexpr IntegerLimit kStep{1, 1024};
constexpr IntegerLimit kSharedExperts{0, 1024};
constexpr IntegerLimit kMtpDepth{0, 16};

// Number of layers that use experts, per the family's transformers modeling code.
int count_moe_layers(HfConfigKeys& keys, MoeLayout layout, int layers) {
  int moe_layers = 0;
  if (layout == MoeLayout::deepseek) {
    const int first_dense = keys.optional_int("first_k_dense_replace", {0, limits::layers.max}).value_or(0);
    const int freq = keys.optional_int("moe_layer_freq", kStep).value_or(1);
    for (int i = first_dense; i < layers; ++i) moe_layers += i % freq == 0 ? 1 : 0;
  } else if (layout == MoeLayout::qwen_sparse_step) {
    const int step = keys.optional_int("decoder_sparse_step", kStep).value_or(1);
    const std::vector<int> mlp_only = keys.optional_int_list("mlp_only_layers");
    for (int i = 0; i < layers; ++i) {
      const bool dense = std::find(mlp_only.begin(), mlp_only.end(), i) != mlp_only.end();
      moe_layers += !dense && (i + 1) % step == 0 ? 1 : 0;
    }
  } else if (layout == MoeLayout::llama4_interleave) {
    const int step = keys.optional_int("interleave_moe_layer_step", kStep).value_or(1);
    for (int i = 0; i < layers; ++i) moe_layers += (i + 1) % step == 0 ? 1 : 0;
  } else {
    moe_layers = layers;
  }
  return moe_layers;
}

int shared_expert_count(HfConfigKeys& keys, const HfFamily& family, int expert_ffn) {
  if (family.moe == MoeLayout::deepseek) return keys.optional_int("n_shared_experts", kSharedExperts).value_or(0);
  if (family.moe == MoeLayout::llama4_interleave) return 1;  // one shared expert as wide as a routed one
  if (family.model_type != "qwen2_moe") return 0;
  const int shared_ffn = keys.optional_int("shared_expert_intermediate_size", {0, limits::ffn.max}).value_or(0);
  if (expert_ffn > 0 && shared_ffn % expert_ffn != 0) {
    keys.problem("shared_expert_intermediate_size", std::to_string(shared_ffn) +
                                                        " is not a multiple of moe_intermediate_size; the model "
                                                        "description needs shared experts as wide as routed ones");
    return 0;
  }
  return expert_ffn > 0 ? shared_ffn / expert_ffn : 0;
}

// Experts, top-k, expert width and which layers are dense. Sets model.ffn for the dense layers.
void map_moe(HfConfigKeys& keys, const HfFamily& family, ModelSpec& model) {
  MoeSpec moe;
  moe.routed_experts = keys.required_int_of({"num_local_experts", "num_experts", "n_routed_experts"}, limits::experts);
  moe.top_k = keys.required_int_of({"num_experts_per_tok", "experts_per_token"}, limits::experts);
  moe.expert_ffn = keys.required_int_of({"moe_intermediate_size", "intermediate_size"}, limits::ffn);
  moe.shared_experts = shared_expert_count(keys, family, moe.expert_ffn);
  const int moe_layers = count_moe_layers(keys, family.moe, model.layers);
  if (model.layers > 0 && moe_layers == 0) keys.problem("num_hidden_layers", "no layer uses experts");
  // Interleaved dense layers are modelled as leading ones: same parameters, flops and memory.
  moe.first_dense_layers = model.layers - moe_layers;
  if (moe.top_k > moe.routed_experts) keys.problem("num_experts_per_tok", "exceeds the number of experts");
  if (moe.first_dense_layers > 0) {
    const char* dense_key = family.moe == MoeLayout::llama4_interleave ? "intermediate_size_mlp" : "intermediate_size";
    model.ffn = keys.required_int(dense_key, limits::ffn);
  } else {
    model.ffn = moe.expert_ffn;  // no dense layer: the preset convention
  }
  model.moe = moe;
}

void map_mla(HfConfigKeys& keys, ModelSpec& model) {
  MlaSpec mla;
  mla.q_lora_rank = keys.optional_int("q_lora_rank", kRank).value_or(0);
  mla.kv_lora_rank = keys.required_int("kv_lora_rank", limits::hidden);
  mla.qk_nope_head_dim = keys.required_int("qk_nope_head_dim", limits::head_dim);
  mla.qk_rope_head_dim = keys.required_int("qk_rope_head_dim", limits::head_dim);
  mla.v_head_dim = keys.required_int("v_head_dim", limits::head_dim);
  model.head_dim = mla.v_head_dim;
  model.mla = mla;
}

void map_activation(HfConfigKeys& keys, ModelSpec& model) {
  std::optional<std::string> act = keys.optional_string("hidden_act");
  if (!act) act = keys.optional_string("hidden_activation");
  model.activation = Activation::swiglu;  // every supported family has a gated MLP (gate, up and down matrices)
  static const std::vector<std::string> gated = {"silu", "swish", "gelu", "gelu_pytorch_tanh", "gelu_new"};
  if (act && std::find(gated.begin(), gated.end(), *act) == gated.end()) {
    keys.problem(keys.has("hidden_act") ? "hidden_act" : "hidden_activation",
                 "'" + *act + "' is not a gated SiLU/GELU MLP (silu, swish, gelu, gelu_pytorch_tanh, gelu_new)");
  }
}

// Pre-training context: the original length before RoPE scaling extended it, else max_position_embeddings.
int map_seq_len(HfConfigKeys& keys) {
  if (auto v = keys.optional_int("initial_context_length", limits::seq_len)) return *v;
  if (auto v = keys.optional_nested_int("rope_scaling", "original_max_position_embeddings", limits::seq_len)) return *v;
  return keys.required_int("max_position_embeddings", limits::seq_len);
}

// Family defaults (e.g. Gemma's head_dim 256) arrive through the keys: see hf_config_families.cc.
void map_attention(HfConfigKeys& keys, const HfFamily& family, ModelSpec& model) {
  model.heads = keys.required_int("num_attention_heads", limits::heads);
  model.kv_heads = keys.optional_int("num_key_value_heads", limits::heads).value_or(model.heads);
  if (family.mla) return map_mla(keys, model);
  if (auto v = keys.optional_int("head_dim", limits::head_dim)) {
    model.head_dim = *v;
  } else if (model.heads > 0 && model.hidden % model.heads == 0) {
    model.head_dim = model.hidden / model.heads;
  } else if (model.heads > 0) {
    keys.problem("head_dim", "missing and hidden_size is not divisible by num_attention_heads");
  }
  if (model.kv_heads > 0 && model.heads % model.kv_heads != 0) {
    keys.problem("num_key_value_heads", "does not divide num_attention_heads");
  }
}

// Windowed layers, as transformers builds its per-layer attention list (`layer_types`, where the file gives it):
// Llama 4 chunks attention on the RoPE layers (no_rope_layers[i] = 1; by default all but every fourth,
// Llama4TextConfig); Gemma 2 slides on every other layer, Gemma 3 on all but every sliding_window_pattern-th
// (Gemma2Config / Gemma3TextConfig layer_types); any other family with a sliding_window (Mistral) on every layer,
// unless use_sliding_window says false (Qwen).
void map_local_attention(HfConfigKeys& keys, const HfFamily& family, ModelSpec& model) {
  const int layers = model.layers;
  LocalAttention local;
  const std::vector<std::string> types = keys.optional_string_list("layer_types");
  if (!types.empty()) {
    local.layers = static_cast<int>(std::count(types.begin(), types.end(), "sliding_attention") +
                                    std::count(types.begin(), types.end(), "chunked_attention"));
    const bool chunked = std::count(types.begin(), types.end(), "chunked_attention") > 0;
    local.kind = chunked ? LocalAttention::Kind::chunked : LocalAttention::Kind::sliding;
    local.window = keys.optional_int(chunked ? "attention_chunk_size" : "sliding_window", limits::seq_len).value_or(0);
  } else if (family.moe == MoeLayout::llama4_interleave) {
    local.kind = LocalAttention::Kind::chunked;
    local.window = keys.optional_int("attention_chunk_size", limits::seq_len).value_or(0);
    const std::vector<int> rope = keys.optional_int_list("no_rope_layers");
    local.layers = rope.empty() ? layers - layers / 4 : static_cast<int>(std::count(rope.begin(), rope.end(), 1));
  } else if (keys.optional_bool("use_sliding_window").value_or(true)) {
    local.window = keys.optional_int("sliding_window", limits::seq_len).value_or(0);
    if (family.model_type == "gemma2") {
      local.layers = (layers + 1) / 2;
    } else if (family.model_type == "gemma3" || family.model_type == "gemma3_text") {
      local.layers = layers - layers / keys.optional_int("sliding_window_pattern", {1, 1024}).value_or(6);
    } else {
      local.layers = layers;
    }
  }
  if (local.window > 0 && local.layers > 0 && local.window < model.seq_len) model.local_attention = local;
}

ModelSpec map_keys(HfConfigKeys& keys, const HfFamily& family, const Json& top, const std::string& id) {
  ModelSpec model;
  model.id = id;
  model.layers = keys.required_int("num_hidden_layers", limits::layers);
  model.hidden = keys.required_int("hidden_size", limits::hidden);
  model.vocab = keys.required_int("vocab_size", limits::vocab);
  model.seq_len = map_seq_len(keys);
  map_attention(keys, family, model);
  map_activation(keys, model);
  model.norm = NormKind::rmsnorm;
  model.position = PositionKind::rope;
  model.tied_embeddings = keys.optional_bool("tie_word_embeddings").value_or(false);
  if (family.moe != MoeLayout::none) {
    map_moe(keys, family, model);
  } else {
    model.ffn = keys.required_int("intermediate_size", limits::ffn);
  }
  model.mtp_depth = keys.optional_int("num_nextn_predict_layers", kMtpDepth).value_or(0);
  map_local_attention(keys, family, model);
  auto arch = top.find("architectures");
  const bool named = arch != top.end() && arch->is_array() && !arch->empty() && (*arch)[0].is_string();
  model.name = named ? (*arch)[0].get<std::string>() : family.model_type;
  model.source = "Hugging Face config.json (" + id + ") mapped by stargate catalog import";
  return model;
}

Error cannot_map(const std::vector<std::string>& problems, const std::string& file) {
  std::string message = problems.size() > 1 ? "cannot map config.json keys: " : "cannot map config.json key: ";
  for (size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
  const std::string& first = problems.front();
  return Error{ErrorKind::invalid_input, message, first.substr(0, first.find(':')), SourceLocation{.file = file}};
}

}  // namespace

Result<ModelSpec> model_from_hf_config(const std::string& json_text, const std::string& file, const std::string& id) {
  auto fail = [&](const std::string& message) {
    return Error{ErrorKind::invalid_input, message, "", SourceLocation{.file = file}};
  };
  Json top = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (top.is_discarded()) return fail("not valid JSON");
  if (!top.is_object()) return fail("a config.json must be a JSON object");
  auto text_config = top.find("text_config");
  const Json& text = text_config != top.end() && text_config->is_object() ? *text_config : top;
  HfConfigKeys family_keys(text, top);
  const HfFamily* family = detail::find_hf_family(family_keys, top);
  if (!family) return cannot_map(family_keys.problems(), file);
  // Keys the file omits take the transformers config class's defaults; the file's own keys win.
  Json with_defaults = family->defaults;
  for (auto it = text.begin(); it != text.end(); ++it) {
    if (!it->is_null()) with_defaults[it.key()] = *it;
  }
  HfConfigKeys keys(with_defaults, top);
  ModelSpec model = map_keys(keys, *family, top, id);
  if (!keys.problems().empty()) return cannot_map(keys.problems(), file);
  return model;
}

Result<ModelSpec> model_from_hf_config_file(const std::string& path) {
  return capture_errors([&]() -> ModelSpec {
    const std::filesystem::path p(path);
    const std::string stem = p.filename() == "config.json" && p.has_parent_path()
                                 ? p.parent_path().filename().string()
                                 : p.stem().string();
    Result<ModelSpec> model = model_from_hf_config(read_text_file(path), path, stem.empty() ? "hf-model" : stem);
    if (!model.ok()) throw InputError(model.error());
    return std::move(model).value();
  });
}

}  // namespace stargate
