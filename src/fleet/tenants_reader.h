#pragma once
// Internal to fleet/: the reader of the optional `tenants:` list of a fleet scenario (fleet_scenario.h Tenant).
#include <vector>

#include "core/yaml_map.h"
#include "stargate/fleet/fleet_scenario.h"

namespace stargate {

// Throws InputError (file:line:field) on unknown keys, duplicate names, shares summing above 1 and bad demand.
std::vector<Tenant> read_tenants(const YamlValue& list);

}  // namespace stargate
