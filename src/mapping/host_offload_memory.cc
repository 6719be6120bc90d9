// The HBM a plan's host offload frees, and the fit rule (memory_model.h).
#include <algorithm>

#include "stargate/mapping/memory_model.h"

namespace stargate {

void apply_host_offload(const HostOffload& offload, int layers, double layer_activation_bytes,
                        MemoryBreakdown& memory) {
  const double weights_moved = memory.weights_bytes * offload.weights;
  const double weights_kept_for_prefetch =
      offload.weights > 0 && layers > 0 ? std::min(weights_moved, 2 * memory.weights_bytes / layers) : 0;
  const double activations_moved = memory.activations_bytes * offload.activations;
  const double activations_kept_for_copies =
      offload.activations > 0 ? std::min(activations_moved, 2 * layer_activation_bytes) : 0;
  const double optimizer_moved = memory.optimizer_bytes * offload.optimizer;
  memory.weights_bytes += weights_kept_for_prefetch - weights_moved;
  memory.activations_bytes += activations_kept_for_copies - activations_moved;
  memory.optimizer_bytes -= optimizer_moved;
  memory.host_weights_bytes = weights_moved;
  memory.host_activations_bytes = activations_moved;
  memory.host_optimizer_bytes = optimizer_moved;
}

bool fits_in_memory(const MemoryBreakdown& memory, const Cluster& cluster) {
  if (memory.total_bytes() > cluster.accelerator.usable_hbm_bytes()) return false;
  const double host = memory.host_bytes();
  return host <= 0 || cluster.node.host_memory_per_gpu_bytes <= 0 || host <= cluster.node.host_memory_per_gpu_bytes;
}

}  // namespace stargate
