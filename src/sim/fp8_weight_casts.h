#pragma once
// Internal: the once-per-step weight casts of low-precision recipes that cache the cast weight across
// micro-batches (mapping/fp8_recipe.h, weight_cast_per_micro_batch false).
#include "stargate/mapping/parallel_plan.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/workload/model.h"

namespace stargate::detail {

// Seconds per step on one GPU of `stage`: its low-precision weights cast once (TE under Megatron casts at the first
// micro-batch, is_first_microbatch, and reuses the copies), as one memory-bound pass of the recipe's weight-cast
// bytes. Zero for bf16/fp16 plans and for recipes that re-cast every micro-batch (priced per operator instead).
double cached_weight_cast_seconds(const ModelSpec& model, const ParallelPlan& plan, int stage,
                                  const KernelCostModel& kernels);

}  // namespace stargate::detail
