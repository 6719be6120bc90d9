#pragma once
// Internal to the workload layer: builders of Operator values and the FFN blocks that layer_operators.cc (dense)
// and moe_operators.cc (mixture of experts) share.
#include <vector>

#include "stargate/workload/layer_operators.h"

namespace stargate::detail {

inline constexpr double kActivationBytes = 2;  // bf16 activations

inline Operator gemm(const char* name, OpClass c, double m, double n, double k) {
  Operator op{name, OpKind::gemm, c};
  op.m = m;
  op.n = n;
  op.k = k;
  return op;
}

inline Operator memory(const char* name, OpClass c, double bytes, EagerKernel eager = EagerKernel::none,
                       double eager_bytes = 0) {
  Operator op{name, OpKind::memory_bound, c};
  op.bytes = bytes;
  op.eager = eager;
  op.eager_bytes = eager_bytes;
  return op;
}

// FFN input width of the first GEMM: SwiGLU fuses gate and up projections.
inline double up_width(Activation a, double ffn) { return a == Activation::swiglu ? 2 * ffn : ffn; }

// Dense FFN of width `ffn` split over TP: up (gated: gate and up fused), activation, down.
void append_dense_ffn(const ModelSpec& m, const LayerShard& s, double tokens, double ffn, const char* up_name,
                      const char* down_name, std::vector<Operator>& out);

// The MoE block of one layer for `tokens` tokens of the micro-batch (moe_operators.cc).
void append_moe_ffn(const ModelSpec& m, const LayerShard& s, double tokens, std::vector<Operator>& out);

}  // namespace stargate::detail
