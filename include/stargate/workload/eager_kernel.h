#pragma once
// How a memory-bound operator expands when a framework runs it as separate PyTorch eager ops rather than one
// fused kernel (priced by perf/eager_elementwise.h from calibration measurements).
namespace stargate {

enum class EagerKernel {
  none,              // a single kernel either way (residual add, embedding, casts)
  norm,              // RMSNorm/LayerNorm written as pow/mean/rsqrt/mul
  gated_activation,  // silu(x)·y as two kernels
  softmax,           // torch.softmax (unfused attention scores)
  rotary,            // rotary embedding as mul/cat/neg/add ops or an fp32 complex multiply
  cross_entropy,     // F.cross_entropy(logits.float(), labels): upcast, log_softmax, nll_loss and their backward
};

}  // namespace stargate
