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

// `precision` is the plan's GEMM precision. With fp8 or fp4 every low-precision GEMM (fprop, dgrad, wgrad) runs in
// `recipe`'s format (mapping/fp8_recipe.h) and adds the recipe's cast kernels as memory-bound kernels: the input's
// casts in forward, the incoming gradient's in backward, and the weight's in forward when the recipe re-casts it
// every micro-batch (recipes that cache it pay once per step: fp8_weight_cast_seconds, sim/training_step.h).
// With `eager` set, memory-bound operators cost what their eager PyTorch expansion measured. `grouped` says how
// the experts' GEMMs are launched (KernelCostModel::grouped_gemm_seconds); launched per expert, each expert's
// input and gradient casts are their own kernels too (Transformer Engine's split_quantize).
OpTimes time_operator(const Operator& op, const KernelCostModel& kernels, Dtype precision,
                      const EagerElementwiseModel* eager = nullptr, Fp8Recipe recipe = Fp8Recipe::delayed,
                      GroupedGemmLaunch grouped = GroupedGemmLaunch::one_kernel);

// Seconds of `kernel_count` kernels moving `bytes` in all, split evenly (each pays its fixed cost).
double cast_kernels_seconds(const KernelCostModel& kernels, double bytes, int kernel_count);

}  // namespace stargate::detail
