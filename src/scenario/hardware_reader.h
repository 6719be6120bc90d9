#pragma once
// Internal: hardware as a scenario names it: the node preset an accelerator sits in (cluster: and a serving pool's
// own hardware read it the same way), and a disaggregated serving pool's own accelerator, node and price.
#include <optional>
#include <string>

#include "core/yaml_map.h"
#include "stargate/catalog/catalog.h"
#include "stargate/serving/serving_config.h"

namespace stargate {

// `node_value`'s preset when given (the named accelerator wins over the node's usual one, keeping the node's
// topology: a DGX H100 chassis fitted with the 96 GiB variant); else the first catalog node built around
// `accelerator`. Fails at `accelerator_value` when no node preset uses the accelerator (naming
// `node_field`, where one can be given).
NodeSpec read_node_for(const Catalog& catalog, const AcceleratorSpec& accelerator,
                       const std::optional<YamlValue>& node_value, const YamlValue& accelerator_value,
                       const std::string& node_field);

// A disaggregated pool's own hardware from its map (`serving.<pool>`): `accelerator` (a catalog id or inline spec),
// `node` (a preset; default: the first node built around the accelerator) and `price_per_gpu` (explicit $/h).
// Unset when the pool names none of them; its price is settled by settle_pool_hardware.
std::optional<PoolHardware> read_pool_hardware(YamlMap& map, const Cluster& cluster, const std::string& pool);

// Prices a pool on its own hardware (the cost model for its node, unless it gave price_per_gpu); a pool on the
// cluster's own accelerator and node without a price of its own is the cluster's hardware (hardware unset), priced
// as the deployment.
void settle_pool_hardware(PoolConfig& pool, const Cluster& cluster);

}  // namespace stargate
