#pragma once
// Internal: forward/backward time of one operator on one GPU from the kernel cost model.
#include "stargate/perf/eager_elementwise.h"
#include "stargate/mapping/parallel_plan.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/workload/layer_operators.h"

namespace stargate::detail {

struct OpTimes {
  double forward = 0;
  double backward = 0;
};

// `gemm_dtype` is the plan's GEMM precision; fp8 adds the cast of each GEMM input activation in forward and of
// each incoming gradient in backward as a memory-bound kernel: read bf16 (2 B), write the fp8 copy (1 B) and its
// transpose (1 B) for the GEMM that consumes the other layout (Transformer Engine's cast_transpose; torchao).
// With `eager` set, memory-bound operators cost what their eager PyTorch expansion measured.
// `scaling`: with current scaling each cast first reads its tensor for the amax (2 B more per element), and each
// micro-batch casts the GEMM's weight afresh (amax, read, write the fp8 copy and its transpose: 6 B per element).
OpTimes time_operator(const Operator& op, const KernelCostModel& kernels, Dtype gemm_dtype,
                      const EagerElementwiseModel* eager = nullptr, Fp8Scaling scaling = Fp8Scaling::delayed);

}  // namespace stargate::detail
