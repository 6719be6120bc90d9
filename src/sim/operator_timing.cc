#include "operator_timing.h"

namespace stargate::detail {

// Bytes per element of one fp8 cast with transpose: read bf16, write the fp8 copy and its transpose.
constexpr double kFp8CastBytes = 2 + 1 + 1;
// fp4 (NVFP4): read bf16, write the 4-bit copy and its transpose (0.5 + 0.5 B) and one fp8 scale per 16 elements
// for each (2/16 B).
constexpr double kFp4CastBytes = 2 + 0.5 + 0.5 + 2.0 / 16;
// Current scaling reads each tensor once more for its amax before casting it.
constexpr double kAmaxReadBytes = 2;

OpTimes time_operator(const Operator& op, const KernelCostModel& k, Dtype gemm_dtype, const EagerElementwiseModel* eager,
                      Fp8Scaling scaling) {
  const Dtype dtype = op.low_precision ? gemm_dtype : Dtype::bf16;
  // Low-precision GEMMs (fp8, fp4) cast their inputs; fp4 recipes (NVFP4) scale 16-element blocks from the
  // block's own amax, so they always pay the current-scaling amax read.
  const bool low_precision = dtype == Dtype::fp8 || dtype == Dtype::fp4;
  const bool current = scaling == Fp8Scaling::current || dtype == Dtype::fp4;
  const double cast = dtype == Dtype::fp4 ? kFp4CastBytes : kFp8CastBytes;
  const double cast_bytes = cast + (current ? kAmaxReadBytes : 0);
  OpTimes t;
  // Casts of `groups` GEMMs' inputs (forward), weights (forward, current scaling: every micro-batch) and
  // incoming gradients (backward).
  auto add_casts = [&](double groups) {
    if (!low_precision) return;
    t.forward += k.memory_bound_seconds(groups * op.m * op.k * cast_bytes);
    if (current) t.forward += k.memory_bound_seconds(groups * op.k * op.n * (kAmaxReadBytes + cast));
    t.backward += k.memory_bound_seconds(groups * op.m * op.n * cast_bytes);
  };
  switch (op.kind) {
    case OpKind::gemm:
      // Forward Y = X·W; dgrad dX = dY·Wᵀ (m×k over n); wgrad dW = Xᵀ·dY (k×n over m).
      t.forward = k.gemm_seconds(op.m, op.n, op.k, dtype);
      t.backward = k.gemm_seconds(op.m, op.k, op.n, dtype) + k.gemm_seconds(op.k, op.n, op.m, dtype);
      add_casts(1);
      break;
    case OpKind::grouped_gemm:
      t.forward = k.grouped_gemm_seconds(op.groups, op.m, op.n, op.k, dtype);
      t.backward = k.grouped_gemm_seconds(op.groups, op.m, op.k, op.n, dtype) +
                   k.grouped_gemm_seconds(op.groups, op.k, op.n, op.m, dtype);
      add_casts(op.groups);
      break;
    case OpKind::attention:
      t.forward = k.attention_forward_seconds(op.batch, op.heads, op.kv_heads, op.head_dim, op.s_q, op.s_kv, true);
      t.backward = k.attention_backward_seconds(op.batch, op.heads, op.kv_heads, op.head_dim, op.s_q, op.s_kv, true);
      break;
    case OpKind::memory_bound:
      if (eager != nullptr && op.eager != EagerKernel::none) {
        // The eager expansion passes over the tensor several times: measured slowdown × one pass.
        const double pass = op.eager_bytes > 0 ? op.eager_bytes : op.bytes;
        const double slowdown = eager->slowdown(op.eager, pass);
        t.forward = slowdown * k.memory_bound_seconds(pass);
        t.backward = slowdown * k.memory_bound_seconds(2 * pass);
      } else {
        t.forward = k.memory_bound_seconds(op.bytes);
        t.backward = k.memory_bound_seconds(2 * op.bytes);  // reads the saved input and the incoming gradient
      }
      break;
  }
  return t;
}

}  // namespace stargate::detail
