#include "host_offload_time.h"

#include <algorithm>

namespace stargate::detail {
namespace {

// A transfer of `transfer` seconds beside `compute` seconds of work: the part beyond the work is exposed.
HostOffloadSeconds beside(double transfer, double compute) {
  const double exposed = std::max(0.0, transfer - compute);
  return {.exposed = exposed, .overlapped = transfer - exposed};
}

HostOffloadSeconds optimizer_seconds(const HostOffloadInputs& in) {
  const double params = in.offload.optimizer * in.optimizer_params;
  if (params <= 0) return {};
  const double gradients_down = params * kOffloadGradientBytesPerParam / in.host_link_bytes_per_s;
  HostOffloadSeconds out = in.gradient_copy_overlapped ? beside(gradients_down, in.stage_backward_seconds)
                                                       : HostOffloadSeconds{.exposed = gradients_down};
  out.exposed += params * kCpuAdamBytesPerParam / in.host_memory_bytes_per_s;
  out.exposed += params * kOffloadWeightBytesPerParam / in.host_link_bytes_per_s;
  return out;
}

HostOffloadSeconds per_micro_batch_seconds(const HostOffloadInputs& in) {
  const double activations = in.offload.activations * in.memory.activations_per_micro_batch_bytes;
  const double weights = in.memory.host_weights_bytes;
  if (activations <= 0 && weights <= 0) return {};
  const double link = in.host_link_bytes_per_s;
  // Forward: activations out (device to host) beside weights in (host to device); backward: both in.
  const HostOffloadSeconds forward = beside(std::max(activations, weights) / link, in.stage_forward_seconds);
  const HostOffloadSeconds backward = beside((activations + weights) / link, in.stage_backward_seconds);
  return {.exposed = in.micro_batches * (forward.exposed + backward.exposed),
          .overlapped = in.micro_batches * (forward.overlapped + backward.overlapped)};
}

}  // namespace

HostOffloadSeconds host_offload_seconds(const HostOffloadInputs& in) {
  if (!in.offload.any() || in.host_link_bytes_per_s <= 0) return {};
  const HostOffloadSeconds optimizer = optimizer_seconds(in);
  const HostOffloadSeconds passes = per_micro_batch_seconds(in);
  return {.exposed = optimizer.exposed + passes.exposed, .overlapped = optimizer.overlapped + passes.overlapped};
}

}  // namespace stargate::detail
