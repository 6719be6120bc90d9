#pragma once
// Model presets compiled from data/models/*.yaml, and inline or overridden model definitions in scenarios.
#include <string>
#include <vector>

#include "stargate/core/result.h"
#include "stargate/workload/model.h"

namespace stargate {

// Strict YAML readers (src/core/yaml_map.h, internal: yaml-cpp stays out of the public headers).
class YamlValue;
class YamlMap;

class ModelCatalog {
 public:
  // Contract: the built-in files are valid (a test checks); otherwise throws std::logic_error.
  static const ModelCatalog& builtin();
  static Result<ModelCatalog> parse(const std::vector<std::pair<std::string, std::string>>& files);

  const std::vector<ModelSpec>& models() const { return models_; }
  const ModelSpec* find(const std::string& id) const;

  // A scenario's `model:` field: a preset id ("llama3.1-405b"), {preset: id, <field>: override...}, or a full
  // inline definition (every required field present, no `preset`), or {hf_config: path/to/config.json, <field>:
  // override...} (src/workload/hf_config.cc; a relative path resolves against the folder of the file naming it).
  ModelSpec model_from(const YamlValue& value) const;

 private:
  std::vector<ModelSpec> models_;
};

// Reads model fields; with `complete` every required field must be present. Checks consistency
// (heads divisible by kv_heads, top_k ≤ experts, ...).
void read_model_fields(YamlMap& map, ModelSpec& model, bool complete);

}  // namespace stargate
