#pragma once
// HBM effects of a low-precision recipe (mapping/fp8_recipe.h): the weights' cached low-precision copies and the
// GEMM inputs kept for backward in low precision instead of bf16. Bytes per GPU; zero for bf16/fp16 plans.
#include "stargate/mapping/memory_model.h"
#include "stargate/mapping/parallel_plan.h"
#include "stargate/workload/layer_operators.h"
#include "stargate/workload/model.h"

namespace stargate {

// Parameters of pipeline stage `stage` on one GPU whose GEMMs run in low precision: the stage's weights less the
// embedding and output layer (they stay bf16). Norm weights (a few per layer) are counted with them.
double low_precision_weight_parameters(const ModelSpec& model, const ParallelPlan& plan, int stage);

// The recipe's weight copies held across micro-batches on `stage` (TE keeps the fp8 weight and its transpose
// between micro-batches under Megatron's is_first_microbatch). None under ZeRO-3, which re-gathers the weights.
double cached_low_precision_weight_bytes(const ModelSpec& model, const ParallelPlan& plan, int stage);

// Bytes one transformer layer keeps for backward below the bf16 accounting (layer_activation_bytes), for one
// micro-batch, when the recipe saves the GEMM inputs (QKV, projection, FFN up and down inputs; routed experts'
// too) as their low-precision copy for wgrad. Zero with full or operator-level recompute (they keep other tensors).
double low_precision_saved_input_savings_bytes(const ModelSpec& model, const LayerShard& shard, int layer_index,
                                               const ParallelPlan& plan);

}  // namespace stargate
