#include "core/yaml_map.h"
#include "stargate/catalog/catalog.h"

#include <stdexcept>

#include "stargate/core/edit_distance.h"
#include "stargate/core/embedded_files.h"

namespace stargate {
namespace {

template <typename Spec>
const Spec* find_by_id(const std::vector<Spec>& specs, const std::string& id) {
  for (const Spec& s : specs) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

template <typename Spec>
void read_section(YamlMap& root, const std::string& key, std::vector<Spec>& out,
                  void (*read)(YamlMap&, Spec&, bool)) {
  auto section = root.optional_map(key);
  if (!section) return;
  for (const std::string& id : section->keys()) {
    if (find_by_id(out, id)) section->require(id).fail("preset defined twice");
    Spec spec;
    spec.id = id;
    YamlMap fields(section->require(id));
    read(fields, spec, /*complete=*/true);
    out.push_back(std::move(spec));
  }
  section->finish();
}

// Resolves "id" or {preset: id, overrides...} against `specs`.
template <typename Spec>
Spec spec_from(const YamlValue& value, const std::vector<Spec>& specs, const char* what,
               void (*read)(YamlMap&, Spec&, bool)) {
  auto lookup = [&](const YamlValue& name_value) -> Spec {
    std::string id = name_value.as_string();
    if (const Spec* found = find_by_id(specs, id)) return *found;
    std::vector<std::string> ids;
    for (const Spec& s : specs) ids.push_back(s.id);
    std::string hint;
    if (auto near = closest_match(id, ids)) hint = "did you mean '" + *near + "'? ";
    name_value.fail("unknown " + std::string(what) + " preset '" + id + "'; " + hint + "known: " + join_choices(ids));
  };
  if (value.is_scalar()) return lookup(value);
  YamlMap map(value);
  Spec spec = lookup(map.require("preset"));
  read(map, spec, /*complete=*/false);
  return spec;
}

}  // namespace

Result<Catalog> Catalog::parse(const std::vector<std::pair<std::string, std::string>>& files) {
  return capture_errors([&]() -> Catalog {
    Catalog catalog;
    for (const auto& [name, text] : files) {
      YamlDocument doc = parse_yaml_document(text, name);
      YamlMap root(YamlValue(doc.root, doc.file, ""));
      read_section(root, "accelerators", catalog.accelerators_, &read_accelerator_fields);
      read_section(root, "nodes", catalog.nodes_, &read_node_fields);
      read_section(root, "fabrics", catalog.fabrics_, &read_fabric_fields);
      root.finish();
    }
    for (const NodeSpec& node : catalog.nodes_) {
      if (!catalog.find_accelerator(node.accelerator)) {
        throw InputError({"catalog", 0, 0}, "nodes." + node.id + ".accelerator",
                         "unknown accelerator preset '" + node.accelerator + "'");
      }
    }
    return catalog;
  });
}

const Catalog& Catalog::builtin() {
  static const Catalog catalog = [] {
    std::vector<std::pair<std::string, std::string>> files;
    for (const EmbeddedFile& f : embedded_files_under("catalog/")) {
      files.emplace_back("data/" + std::string(f.path), std::string(f.contents));
    }
    Result<Catalog> parsed = parse(files);
    if (!parsed.ok()) throw std::logic_error("built-in catalog is invalid: " + parsed.error().to_string());
    return std::move(parsed).value();
  }();
  return catalog;
}

const AcceleratorSpec* Catalog::find_accelerator(const std::string& id) const { return find_by_id(accelerators_, id); }
const NodeSpec* Catalog::find_node(const std::string& id) const { return find_by_id(nodes_, id); }
const FabricSpec* Catalog::find_fabric(const std::string& id) const { return find_by_id(fabrics_, id); }

const FabricSpec& Catalog::default_scale_out_fabric() const {
  const FabricSpec* fabric = find_fabric(kDefaultScaleOutFabric);
  if (!fabric) throw std::logic_error(std::string("catalog has no default fabric '") + kDefaultScaleOutFabric + "'");
  return *fabric;
}

AcceleratorSpec Catalog::accelerator_from(const YamlValue& value) const {
  return spec_from(value, accelerators_, "accelerator", &read_accelerator_fields);
}
NodeSpec Catalog::node_from(const YamlValue& value) const { return spec_from(value, nodes_, "node", &read_node_fields); }
FabricSpec Catalog::fabric_from(const YamlValue& value) const {
  return spec_from(value, fabrics_, "fabric", &read_fabric_fields);
}

}  // namespace stargate
