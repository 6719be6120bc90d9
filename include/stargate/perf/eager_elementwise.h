#pragma once
// Cost of elementwise work written as separate PyTorch eager ops instead of one fused kernel. Frameworks without
// fusion (PyTorch eager: torchtitan without compile, llm-foundry, plain training loops) run an RMSNorm as ~6
// kernels and SwiGLU as 2, so they move several times the bytes a fused kernel moves. The ratio to a plain copy
// of the same tensor is measured in data/calibration/<card>/membw.json (rmsnorm_eager, silu_mul_eager, softmax
// rows) and interpolated in log(bytes); a card without its own rows borrows the nearest calibrated card's ratios.
// Rotary embeddings have no calibration row: their ratio is a byte count of the eager form (see kEagerRotaryBytes).
// The eager cross-entropy is priced kernel by kernel from its byte counts (eager_cross_entropy_kernels()).
#include <array>
#include <span>
#include <string>
#include <vector>

#include "stargate/catalog/accelerator.h"
#include "stargate/workload/eager_kernel.h"

namespace stargate {

// PyTorch eager `F.cross_entropy(logits.float(), labels)` (torchtitan's `cross_entropy_loss` without compile;
// Hugging Face / Composer models under bf16 autocast, which runs cross_entropy in fp32), one logit at a time:
// bytes each kernel reads + writes per logit, in forward and in backward order. Each is priced as its own
// memory-bound kernel (KernelCostModel::memory_bound_seconds). Derivation in docs/training-model.md.
struct EagerCrossEntropyKernels {
  std::span<const double> forward_bytes_per_logit;
  std::span<const double> backward_bytes_per_logit;
};
EagerCrossEntropyKernels eager_cross_entropy_kernels();

class EagerElementwiseModel {
 public:
  // Parsed once per calibration folder and cached.
  static const EagerElementwiseModel& for_device(const AcceleratorSpec& device);

  // Eager time ÷ fused (one-copy) time for a tensor whose read + written bytes are `bytes`; 1 for `none` and for
  // `cross_entropy` (priced kernel by kernel instead, eager_cross_entropy_kernels()).
  double slowdown(EagerKernel kind, double bytes) const;
  const std::string& calibration_folder() const { return folder_; }

 private:
  static EagerElementwiseModel load(const std::string& folder);
  struct Curve {
    std::vector<double> log_bytes;
    std::vector<double> ratio;
  };
  std::string folder_;
  std::array<Curve, 6> curves_;  // by EagerKernel
};

}  // namespace stargate
