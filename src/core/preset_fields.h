#pragma once
// Internal: the pattern shared by every preset reader. A preset (complete) requires the field; an override
// applies it only when present.
#include <map>
#include <string>

#include "core/yaml_map.h"

namespace stargate::detail {

template <typename Apply>
void read_field(YamlMap& map, const std::string& key, bool complete, Apply&& apply) {
  if (complete) {
    apply(map.require(key));
  } else if (auto value = map.get(key)) {
    apply(*value);
  }
}

// `sources:` maps a field (group) name to its citation; required in a preset, optional in an override.
inline void read_sources(YamlMap& map, bool complete, std::map<std::string, std::string>& sources) {
  read_field(map, "sources", complete, [&](const YamlValue& v) {
    YamlMap entries(v);
    for (const std::string& key : entries.keys()) sources[key] = entries.string(key);
    entries.finish();
  });
}

}  // namespace stargate::detail
