#pragma once
// Rendering of presets (`stargate catalog`): one preset with units and citations, or the list of all presets,
// each as text or JSON.
#include <string>
#include <vector>

#include "stargate/core/spec_description.h"

namespace stargate {

// Aligned table, one field a line, numbered citations below.
std::string spec_to_text(const SpecDescription& description);
// Indented JSON ending in a newline: kind, id, and per field its SI value, text, unit and source.
std::string spec_to_json(const SpecDescription& description);

// One line per preset (id and name) under a heading per kind, kinds in the order given.
std::string spec_list_to_text(const std::vector<SpecDescription>& presets);
// Indented JSON ending in a newline: an array of {kind, id, name}.
std::string spec_list_to_json(const std::vector<SpecDescription>& presets);

}  // namespace stargate
