#include "core/yaml_map.h"
#include "stargate/workload/model_catalog.h"

#include <filesystem>
#include <stdexcept>

#include "stargate/core/edit_distance.h"
#include "stargate/core/embedded_files.h"
#include "stargate/workload/hf_config.h"

namespace stargate {

Result<ModelCatalog> ModelCatalog::parse(const std::vector<std::pair<std::string, std::string>>& files) {
  return capture_errors([&]() -> ModelCatalog {
    ModelCatalog catalog;
    for (const auto& [name, text] : files) {
      YamlDocument doc = parse_yaml_document(text, name);
      YamlMap map(YamlValue(doc.root, doc.file, ""));
      ModelSpec model;
      read_model_fields(map, model, /*complete=*/true);
      if (model.id.empty()) map.self().fail("a model file needs an id");
      if (catalog.find(model.id)) map.require("id").fail("model '" + model.id + "' defined twice");
      catalog.models_.push_back(std::move(model));
    }
    return catalog;
  });
}

const ModelCatalog& ModelCatalog::builtin() {
  static const ModelCatalog catalog = [] {
    std::vector<std::pair<std::string, std::string>> files;
    for (const EmbeddedFile& f : embedded_files_under("models/")) {
      files.emplace_back("data/" + std::string(f.path), std::string(f.contents));
    }
    Result<ModelCatalog> parsed = parse(files);
    if (!parsed.ok()) throw std::logic_error("built-in models are invalid: " + parsed.error().to_string());
    return std::move(parsed).value();
  }();
  return catalog;
}

const ModelSpec* ModelCatalog::find(const std::string& id) const {
  for (const ModelSpec& m : models_) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

namespace {

// `hf_config: path/to/config.json`; a relative path is resolved against the folder of the file that names it.
ModelSpec model_from_hf_config_at(const YamlValue& value) {
  std::filesystem::path path(value.as_string());
  if (path.is_relative() && value.file()) path = std::filesystem::path(*value.file()).parent_path() / path;
  Result<ModelSpec> model = model_from_hf_config_file(path.string());
  if (!model.ok()) {
    Error error = model.error();
    error.message = "hf_config: " + error.message;
    throw InputError(error);
  }
  return std::move(model).value();
}

}  // namespace

ModelSpec ModelCatalog::model_from(const YamlValue& value) const {
  auto lookup = [&](const YamlValue& name_value) -> ModelSpec {
    std::string id = name_value.as_string();
    if (const ModelSpec* found = find(id)) return *found;
    std::vector<std::string> ids;
    for (const ModelSpec& m : models_) ids.push_back(m.id);
    std::string hint;
    if (auto near = closest_match(id, ids)) hint = "did you mean '" + *near + "'? ";
    name_value.fail("unknown model preset '" + id + "'; " + hint + "known: " + join_choices(ids));
  };
  if (value.is_scalar()) return lookup(value);
  YamlMap map(value);
  if (auto hf = map.get("hf_config")) {
    if (map.has("preset")) map.self().fail("give either preset or hf_config, not both");
    ModelSpec model = model_from_hf_config_at(*hf);
    read_model_fields(map, model, /*complete=*/false);
    return model;
  }
  if (auto preset = map.get("preset")) {
    ModelSpec model = lookup(*preset);
    read_model_fields(map, model, /*complete=*/false);
    return model;
  }
  ModelSpec model;
  read_model_fields(map, model, /*complete=*/true);
  if (model.id.empty()) model.id = "inline";
  return model;
}

}  // namespace stargate
