#pragma once
// The Hugging Face model families the config.json import knows: how each lays out its blocks, the architecture
// classes that name it, and the transformers config class's defaults for keys a config.json may omit (real files
// list only non-default keys, e.g. Gemma 3's text_config). Internal to the workload layer.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "hf_config_keys.h"

namespace stargate::detail {

// Which layers use experts: docs/model-import.md has the rule of each.
enum class MoeLayout { none, every_layer, deepseek, qwen_sparse_step, llama4_interleave };

struct HfFamily {
  std::string model_type;
  std::vector<std::string> architectures;  // architectures[0] values that identify it when model_type is absent
  MoeLayout moe = MoeLayout::none;
  bool mla = false;
  nlohmann::json defaults = nlohmann::json::object();  // config-class defaults used for absent keys
};

const std::vector<HfFamily>& hf_families();

// The family named by model_type, else by architectures[0]; nullptr (and a problem recorded) when neither names a
// known family.
const HfFamily* find_hf_family(HfConfigKeys& keys, const nlohmann::json& top);

}  // namespace stargate::detail
