#pragma once
// Internal: the node preset an accelerator sits in, as a scenario names it (cluster: and a serving pool's own
// hardware read it the same way).
#include <optional>

#include "core/yaml_map.h"
#include "stargate/catalog/catalog.h"

namespace stargate {

// `node_value`'s preset when given (the named accelerator wins over the node's usual one, keeping the node's
// topology: a DGX H100 chassis fitted with the 96 GiB variant); else the first catalog node built around
// `accelerator`. Fails at `accelerator_value` when no node preset uses the accelerator (naming
// `node_field`, where one can be given).
NodeSpec read_node_for(const Catalog& catalog, const AcceleratorSpec& accelerator,
                       const std::optional<YamlValue>& node_value, const YamlValue& accelerator_value,
                       const std::string& node_field);

}  // namespace stargate
