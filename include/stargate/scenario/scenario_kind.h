#pragma once
// Which command family a scenario file belongs to, decided the way the loaders decide it: a file with a `fleet:`
// section and no `cluster:` is a fleet scenario (`stargate plan`, docs/fleet.md; parse_scenario refuses it with
// that advice); any other file is a cluster scenario (load_scenario_file), whose `training:` and `serving:`
// sections say what `train`, `search` and `serve` do with it.
#include <string>
#include <string_view>

#include "stargate/core/result.h"

namespace stargate {

enum class ScenarioKind { fleet, cluster };

// Reads only the top-level keys (YAML syntax errors are reported here with file:line:column).
Result<ScenarioKind> scenario_kind(std::string_view text, const std::string& file);
Result<ScenarioKind> scenario_file_kind(const std::string& path);

}  // namespace stargate
