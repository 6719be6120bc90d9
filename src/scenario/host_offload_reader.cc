// Reads a plan's `offload:` field (training_job_reader.h, read_host_offload).
#include "training_job_reader.h"

namespace stargate {
namespace {

// true (all of it), false (none) or a share in [0, 1].
double read_share(const YamlValue& value) {
  const std::string text = value.is_scalar() ? value.as_string() : "";
  if (text == "true" || text == "false") return value.as_bool() ? 1 : 0;
  return value.as_number_in(0, 1);
}

}  // namespace

HostOffload read_host_offload(const YamlValue& value) {
  if (value.is_scalar() && value.as_string() == "none") return {};
  YamlMap map(value);
  HostOffload offload;
  if (auto v = map.get("weights")) offload.weights = read_share(*v);
  if (auto v = map.get("activations")) offload.activations = read_share(*v);
  if (auto v = map.get("optimizer")) offload.optimizer = read_share(*v);
  map.finish();
  return offload;
}

void check_host_offload(const HostOffload& offload, const NodeSpec& node, const YamlValue& value) {
  if (!offload.any()) return;
  if (node.host_link_bandwidth_per_gpu_bytes_per_s <= 0) {
    value.fail("node '" + node.id + "' has no host_link_bandwidth_per_gpu in the catalog: nothing can be offloaded");
  }
  if (offload.optimizer > 0 && node.host_memory_bandwidth_per_gpu_bytes_per_s <= 0) {
    value.fail("node '" + node.id + "' has no host_memory_bandwidth_per_gpu in the catalog: the CPU optimizer step "
               "cannot be timed");
  }
}

}  // namespace stargate
