#pragma once
// Internal: forward/backward time of one operator on one GPU from the kernel cost model.
#include "stargate/perf/eager_elementwise.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/workload/layer_operators.h"

namespace stargate::detail {

struct OpTimes {
  double forward = 0;
  double backward = 0;
};

// `gemm_dtype` is the plan's GEMM precision; fp8 adds the cast of each GEMM input activation (read bf16,
// write fp8) as a memory-bound kernel.
// With `eager` set, memory-bound operators cost what their eager PyTorch expansion measured.
OpTimes time_operator(const Operator& op, const KernelCostModel& kernels, Dtype gemm_dtype,
                      const EagerElementwiseModel* eager = nullptr);

}  // namespace stargate::detail
