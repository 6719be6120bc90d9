#pragma once
// Maps a Hugging Face transformers config.json (Llama, Mistral/Mixtral, Qwen2/Qwen3 dense and MoE,
// DeepSeek-V2/V3 and Kimi-K2, gpt-oss, Gemma 2/3, Phi-3, Llama 4) to a ModelSpec. docs/model-import.md lists the
// mapping key by key.
#include <string>

#include "stargate/core/result.h"
#include "stargate/workload/model.h"

namespace stargate {

// `json_text` is the file's contents and `file` its name for errors. Every key that cannot be mapped (missing,
// wrong type, out of range or an architecture feature the model description cannot express) is named in one
// error: "<file>: cannot map config.json: num_hidden_layers: missing; hidden_act: 'relu2' is not ...".
// The model id is `id` (e.g. the file stem); the name is the config's architecture class.
Result<ModelSpec> model_from_hf_config(const std::string& json_text, const std::string& file, const std::string& id);

// Reads `path` (at most 16 MiB) and maps it; the id is the file stem, or the parent folder's name when the file
// is called config.json (a Hugging Face checkout).
Result<ModelSpec> model_from_hf_config_file(const std::string& path);

}  // namespace stargate
