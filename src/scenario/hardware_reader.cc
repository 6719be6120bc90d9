#include "hardware_reader.h"

#include "stargate/cost/gpu_hour_cost_model.h"

namespace stargate {

NodeSpec read_node_for(const Catalog& catalog, const AcceleratorSpec& accelerator,
                       const std::optional<YamlValue>& node_value, const YamlValue& accelerator_value,
                       const std::string& node_field) {
  if (node_value) {
    NodeSpec node = catalog.node_from(*node_value);
    if (node.accelerator != accelerator.id && catalog.find_accelerator(node.accelerator) != nullptr) {
      node.accelerator = accelerator.id;  // keep the node's topology, record the swap
    }
    return node;
  }
  for (const NodeSpec& n : catalog.nodes()) {
    if (n.accelerator == accelerator.id) return n;
  }
  accelerator_value.fail("no node preset uses this accelerator; name one with " + node_field);
}

std::optional<PoolHardware> read_pool_hardware(YamlMap& map, const Cluster& cluster, const std::string& pool) {
  const Catalog& catalog = Catalog::builtin();
  const std::optional<YamlValue> accelerator = map.get("accelerator"), node = map.get("node");
  const std::optional<double> price = map.optional_positive_quantity("price_per_gpu", Dimension::usd_per_hour);
  if (!accelerator && !node && !price) return std::nullopt;
  PoolHardware h{.accelerator = cluster.accelerator, .node = cluster.node};
  if (accelerator) {
    h.accelerator = catalog.accelerator_from(*accelerator);
    if (h.accelerator.id.empty()) h.accelerator.id = "custom-" + pool;  // an inline spec: never the cluster's card
    h.node = read_node_for(catalog, h.accelerator, node, *accelerator, "serving." + pool + ".node");
  } else if (node) {
    h.node = read_node_for(catalog, h.accelerator, node, *node, "serving." + pool + ".node");
  }
  if (price) h.gpu_hour_cost = GpuHourCost{.explicit_usd = *price};
  return h;
}

void settle_pool_hardware(PoolConfig& pool, const Cluster& cluster) {
  if (!pool.hardware) return;
  PoolHardware& h = *pool.hardware;
  const bool own_price = h.gpu_hour_cost.is_explicit();
  if (!own_price && h.accelerator.id == cluster.accelerator.id && h.node.id == cluster.node.id) {
    pool.hardware.reset();
    return;
  }
  if (!own_price) h.gpu_hour_cost = gpu_hour_cost(pool_cluster(cluster, pool), default_cost_assumptions());
}

}  // namespace stargate
