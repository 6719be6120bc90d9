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
#include "tp_comm_overlap.h"

namespace stargate::detail {

using StageTimes = MicroBatchTimes;

// Extra compute time caused by `hidden_comm_seconds` of communication overlapped with compute, when the
// communication kernels take `sm_share` of the card's SMs (collective_sm_share(): 24 SMs of the card's own count).
inline double overlap_contention_seconds(double hidden_comm_seconds, double sm_share) {
  return hidden_comm_seconds * sm_share / (1 - sm_share);
}

struct StageContext {
  const ModelSpec& model;
  const ParallelPlan& plan;
  const LayerShard& shard;
  const PlanGroups& groups;
  const KernelCostModel& kernels;
  const CollectiveModel& collectives;
  const EagerElementwiseModel* eager = nullptr;  // set when the framework runs elementwise ops unfused
  double collective_sm_share = 0;  // share of the card's SMs communication kernels take (collective_sm_share())
  // Per GPU, per direction, bytes/s: scale-out NIC and scale-up links (expert dispatch, sim/expert_dispatch.h).
  double nic_bytes_per_s = 0;
  double scale_up_bytes_per_s = 0;
  GroupedGemmLaunch grouped_gemm = GroupedGemmLaunch::one_kernel;  // TrainingOptions::moe_grouped_gemm
};

// One transformer layer (dense or MoE by its index).
StageTimes time_layer(const StageContext& c, int layer_index, std::vector<Operator>& scratch);
// Embedding (first stage) or output layer and loss (last stage).
StageTimes time_embedding(const StageContext& c, std::vector<Operator>& scratch);
StageTimes time_output(const StageContext& c, std::vector<Operator>& scratch);

}  // namespace stargate::detail
