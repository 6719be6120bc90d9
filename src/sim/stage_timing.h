#pragma once
// Internal: time of one micro-batch through one pipeline stage (forward and backward), with exposed
// tensor/context/expert-parallel communication, for the analytical training step model.
#include <array>
#include <vector>

#include "stargate/mapping/parallel_plan.h"
#include "stargate/mapping/placement.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/eager_elementwise.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/sim/training_step.h"
#include "stargate/workload/layer_operators.h"

namespace stargate::detail {

using StageTimes = MicroBatchTimes;

// Share of the SMs that communication kernels running beside compute take from it: Transformer Engine userbuffers
// runs its pipelined reduce-scatter on 24 of the H100's 132 SMs (num_sm: 24 in NeMo/Megatron's H100 configs); NCCL
// runs one thread block per channel, 16-32 channels on NVLink (DeepSeek-V3 §3.2.1: 20 SMs saturate IB + NVLink).
// Compute overlapped with a collective runs at 1 − share of its speed for the collective's duration.
inline constexpr double kCollectiveSmShare = 24.0 / 132.0;

// Extra compute time caused by `hidden_comm_seconds` of communication overlapped with compute.
inline double overlap_contention_seconds(double hidden_comm_seconds) {
  return hidden_comm_seconds * kCollectiveSmShare / (1 - kCollectiveSmShare);
}

struct StageContext {
  const ModelSpec& model;
  const ParallelPlan& plan;
  const LayerShard& shard;
  const PlanGroups& groups;
  const KernelCostModel& kernels;
  const CollectiveModel& collectives;
  const EagerElementwiseModel* eager = nullptr;  // set when the framework runs elementwise ops unfused
};

// One transformer layer (dense or MoE by its index).
StageTimes time_layer(const StageContext& c, int layer_index, std::vector<Operator>& scratch);
// Embedding (first stage) or output layer and loss (last stage).
StageTimes time_embedding(const StageContext& c, std::vector<Operator>& scratch);
StageTimes time_output(const StageContext& c, std::vector<Operator>& scratch);

}  // namespace stargate::detail
