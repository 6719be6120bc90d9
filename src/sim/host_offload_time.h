#pragma once
// Internal: the time a plan's host offload adds to a training step, exposed and overlapped (docs/training-model.md,
// "Host offload"). Transfers run over the node's GPU-to-host link, each direction at its full rate (PCIe and
// NVLink-C2C are full duplex); the CPU optimizer step streams the host DRAM.
#include "stargate/mapping/memory_model.h"
#include "stargate/mapping/parallel_plan.h"

namespace stargate::detail {

// DeepSpeed's CPU Adam (csrc/adam/cpu_adam_impl.h, Adam_Optimizer::Step_AVX) reads the fp32 weight, both moments
// and the 16-bit gradient (14 B), writes the weight and moments (12 B) and the 16-bit copy sent back (2 B): host
// DRAM bytes per parameter updated.
inline constexpr double kCpuAdamBytesPerParam = 28;
// 16-bit gradients go down and 16-bit updated weights come back (ZeRO-Offload, Ren et al. 2021 §4.1).
inline constexpr double kOffloadGradientBytesPerParam = 2;
inline constexpr double kOffloadWeightBytesPerParam = 2;

struct HostOffloadInputs {
  HostOffload offload;
  const MemoryBreakdown& memory;  // the stage's memory after offload (host_* fields set)
  double optimizer_params = 0;    // parameters this GPU's optimizer updates (after ZeRO sharding)
  double stage_forward_seconds = 0;   // one micro-batch through the slowest stage
  double stage_backward_seconds = 0;
  double micro_batches = 1;
  bool gradient_copy_overlapped = true;  // plan.dp_overlap: gradients leave during the last backward
  double host_link_bytes_per_s = 0;      // per direction; contract: > 0 when offload.any()
  double host_memory_bytes_per_s = 0;    // contract: > 0 when offload.optimizer > 0
};

struct HostOffloadSeconds {
  double exposed = 0;     // on the step's critical path
  double overlapped = 0;  // transfers hidden under compute
};

// - optimizer (share f of the optimizer's parameters P): f·P·2 B of gradients down, overlapped with the last
//   micro-batch's backward when gradient_copy_overlapped (exposed beyond it), else exposed; the CPU Adam step
//   f·P·28 B / host DRAM bandwidth and the f·P·2 B of updated weights up, both exposed (ZeRO-Offload without the
//   one-step delayed update).
// - activations (share f): every micro-batch copies f of its activations out during its forward and back during
//   its backward, each exposed only beyond that pass's compute (Megatron-Core's offloading overlaps the copies
//   with the neighbouring layers).
// - weights: the offloaded weights come up for every micro-batch's forward and again for its backward, prefetched
//   under the pass's compute, exposed beyond it. In backward they share the host-to-GPU direction with the
//   activations coming back.
HostOffloadSeconds host_offload_seconds(const HostOffloadInputs& in);

}  // namespace stargate::detail
