// The kind of a scenario file from its top-level keys (see scenario_kind.h).
#include "stargate/scenario/scenario_kind.h"

#include "core/yaml_map.h"
#include "scenario_kind_rule.h"

namespace stargate {

bool is_fleet_root(const YAML::Node& root) {
  return root && root.IsMap() && root["fleet"] && !root["cluster"];
}

Result<ScenarioKind> scenario_kind(std::string_view text, const std::string& file) {
  return capture_errors([&]() -> ScenarioKind {
    const YamlDocument doc = parse_yaml_document(text, file);
    return is_fleet_root(doc.root) ? ScenarioKind::fleet : ScenarioKind::cluster;
  });
}

Result<ScenarioKind> scenario_file_kind(const std::string& path) {
  Result<std::string> text = capture_errors([&] { return read_text_file(path); });
  if (!text.ok()) return text.error();
  return scenario_kind(text.value(), path);
}

}  // namespace stargate
