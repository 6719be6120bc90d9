#pragma once
// Internal to fleet/: the strict reader of a parsed fleet document (fleet_scenario_reader.cc), shared with the
// uncertain-scenario reader, which first replaces each distribution by its central value.
#include "core/yaml_map.h"
#include "stargate/fleet/fleet_scenario.h"

namespace stargate {

// Reads the `fleet:` document; throws InputError naming file:line and the field.
FleetScenario read_fleet_document(const YamlDocument& doc);

}  // namespace stargate
