#include "core/yaml_map.h"
#include "stargate/workload/model_catalog.h"

#include <stdexcept>

#include "stargate/core/edit_distance.h"
#include "stargate/core/embedded_files.h"

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
