#include "hf_config_families.h"

#include <algorithm>

#include "core/yaml_map.h"

namespace stargate::detail {
namespace {

using Json = nlohmann::json;

// transformers' Gemma2Config / Gemma3TextConfig defaults (configuration_gemma2.py, configuration_gemma3.py).
Json gemma2_defaults() {
  return {{"vocab_size", 256000}, {"head_dim", 256}, {"max_position_embeddings", 8192}, {"sliding_window", 4096},
          {"hidden_activation", "gelu_pytorch_tanh"}, {"tie_word_embeddings", true}};
}
Json gemma3_defaults() {
  return {{"vocab_size", 262208}, {"head_dim", 256}, {"max_position_embeddings", 131072}, {"sliding_window", 4096},
          {"sliding_window_pattern", 6},
          {"hidden_activation", "gelu_pytorch_tanh"}, {"tie_word_embeddings", true}};
}

}  // namespace

const std::vector<HfFamily>& hf_families() {
  static const std::vector<HfFamily> table = {
      {.model_type = "llama", .architectures = {"LlamaForCausalLM"}},
      {.model_type = "mistral", .architectures = {"MistralForCausalLM"}},
      {.model_type = "qwen2", .architectures = {"Qwen2ForCausalLM"}},
      {.model_type = "qwen3", .architectures = {"Qwen3ForCausalLM"}},
      {.model_type = "phi3", .architectures = {"Phi3ForCausalLM"}},
      {.model_type = "gemma", .architectures = {"GemmaForCausalLM"}, .defaults = {{"tie_word_embeddings", true}}},
      {.model_type = "gemma2", .architectures = {"Gemma2ForCausalLM"}, .defaults = gemma2_defaults()},
      {.model_type = "gemma3", .architectures = {"Gemma3ForConditionalGeneration"}, .defaults = gemma3_defaults()},
      {.model_type = "gemma3_text", .architectures = {"Gemma3ForCausalLM"}, .defaults = gemma3_defaults()},
      {.model_type = "mixtral", .architectures = {"MixtralForCausalLM"}, .moe = MoeLayout::every_layer},
      {.model_type = "gpt_oss", .architectures = {"GptOssForCausalLM"}, .moe = MoeLayout::every_layer},
      {.model_type = "qwen2_moe", .architectures = {"Qwen2MoeForCausalLM"}, .moe = MoeLayout::qwen_sparse_step},
      {.model_type = "qwen3_moe", .architectures = {"Qwen3MoeForCausalLM"}, .moe = MoeLayout::qwen_sparse_step},
      {.model_type = "deepseek_v2", .architectures = {"DeepseekV2ForCausalLM"}, .moe = MoeLayout::deepseek, .mla = true},
      {.model_type = "deepseek_v3", .architectures = {"DeepseekV3ForCausalLM"}, .moe = MoeLayout::deepseek, .mla = true},
      {.model_type = "kimi_k2", .moe = MoeLayout::deepseek, .mla = true},
      {.model_type = "llama4", .architectures = {"Llama4ForConditionalGeneration"}, .moe = MoeLayout::llama4_interleave},
      {.model_type = "llama4_text", .architectures = {"Llama4ForCausalLM"}, .moe = MoeLayout::llama4_interleave},
  };
  return table;
}

const HfFamily* find_hf_family(HfConfigKeys& keys, const Json& top) {
  std::optional<std::string> type = keys.optional_string("model_type");
  for (const HfFamily& f : hf_families()) {
    if (type && f.model_type == *type) return &f;
  }
  auto arch = top.find("architectures");
  const bool named = arch != top.end() && arch->is_array() && !arch->empty() && (*arch)[0].is_string();
  if (!type && named) {
    const std::string cls = (*arch)[0].get<std::string>();
    for (const HfFamily& f : hf_families()) {
      if (std::find(f.architectures.begin(), f.architectures.end(), cls) != f.architectures.end()) return &f;
    }
  }
  std::vector<std::string> known;
  for (const HfFamily& f : hf_families()) known.push_back(f.model_type);
  if (type) {
    keys.problem("model_type", "'" + *type + "' is not supported; supported: " + join_choices(known));
  } else {
    keys.problem("model_type", std::string("missing") + (named ? " and architectures[0] is not a known class" : "") +
                                   "; supported: " + join_choices(known));
  }
  return nullptr;
}

}  // namespace stargate::detail
