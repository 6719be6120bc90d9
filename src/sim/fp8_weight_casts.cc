#include "fp8_weight_casts.h"

#include "stargate/mapping/fp8_recipe.h"
#include "stargate/mapping/low_precision_memory.h"

namespace stargate::detail {

double cached_weight_cast_seconds(const ModelSpec& model, const ParallelPlan& plan, int stage,
                                  const KernelCostModel& kernels) {
  if (plan.precision != Dtype::fp8 && plan.precision != Dtype::fp4) return 0;
  const Fp8RecipeCosts& recipe = fp8_recipe_costs(plan.fp8_recipe);
  if (recipe.weight_cast_per_micro_batch) return 0;
  const double bytes = low_precision_weight_parameters(model, plan, stage) * recipe.weight_cast_bytes_per_element;
  return bytes > 0 ? kernels.memory_bound_seconds(bytes) : 0;
}

}  // namespace stargate::detail
