#pragma once
// The share of a card's streaming multiprocessors that communication kernels running beside compute take from it.
//
// Transformer Engine userbuffers runs its pipelined reduce-scatter on 24 SMs (`num_sm: 24` in NeMo/Megatron's
// H100 configs); NCCL runs one thread block per channel, 16-32 channels on NVLink (DeepSeek-V3 §3.2.1: 20 SMs
// saturate IB + NVLink). The kernels take a COUNT of SMs, so the fraction of the card they take is that count over
// the card's own SM (or AMD compute-unit) count. Compute overlapped with a collective runs at 1 − share of its
// speed for the collective's duration.
#include "stargate/catalog/accelerator.h"

namespace stargate {

inline constexpr int kCollectiveKernelSms = 24;  // SMs taken by communication kernels (userbuffers num_sm)
// The H100 SXM's SM count: the card the 24-SM figure was set on, and the share assumed for parts without an SM
// count (TPU, Trainium, Gaudi, and presets whose count is unpublished).
inline constexpr int kReferenceSmCount = 132;

// SM count the contention model divides by: the card's own, or kReferenceSmCount where the preset has none.
inline int contention_sm_count(const AcceleratorSpec& accelerator) {
  return accelerator.sm_count > kCollectiveKernelSms ? accelerator.sm_count : kReferenceSmCount;
}

// Fraction of the card's SMs that communication kernels take, in (0, 1).
inline double collective_sm_share(const AcceleratorSpec& accelerator) {
  return static_cast<double>(kCollectiveKernelSms) / contention_sm_count(accelerator);
}

}  // namespace stargate
