#include "hardware_reader.h"

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

}  // namespace stargate
