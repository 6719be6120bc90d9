#pragma once
// Internal to scenario/: the one rule that tells a fleet scenario from a cluster scenario (scenario_kind.h),
// shared by scenario_kind() and parse_scenario().
#include <yaml-cpp/yaml.h>

namespace stargate {

// A mapping with a `fleet:` key and no `cluster:` key.
bool is_fleet_root(const YAML::Node& root);

}  // namespace stargate
