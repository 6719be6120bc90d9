#pragma once
// Internal: data-parallel communication of one training step, exposed and overlapped (docs/training-model.md,
// "Overlap modes" and "ZeRO-3 / FSDP with pipelines").
#include "stargate/mapping/memory_model.h"
#include "stargate/mapping/parallel_plan.h"
#include "stargate/mapping/placement.h"
#include "stargate/perf/collective_model.h"

namespace stargate::detail {

// Seconds of one step: exposed (on the critical path, the SM contention of the hidden part included) and
// overlapped (hidden under compute).
struct DataParallelSeconds {
  double exposed = 0;
  double overlapped = 0;
};

// `stage_forward` / `stage_backward`: one micro-batch through the slowest stage, seconds; `sm_share`: the share of
// the card's SMs the collective kernels take (collective_sm_share()).
// - ZeRO-3 gathering per micro-batch (Zero3Gather::per_micro_batch): every micro-batch gathers each layer's
//   weights in forward and backward and reduce-scatters its gradients, each transfer beside the neighbouring
//   layer's compute in the same direction (exposed only beyond it).
// - ZeRO-3 gathering per module (Zero3Gather::per_module, DeepSpeed): the same per micro-batch, over a flat ring
//   of the DP ranks (each rank's share through its own NIC), and with full recompute a second backward gather
//   (the recompute forward's).
// - Otherwise gradients are reduced once per step (all-reduce; reduce-scatter with ZeRO >= 1) and, with ZeRO >= 1,
//   the updated bf16 weights all-gathered (ZeRO-3 gathering once per step per stage moves the same bytes: weights
//   before the first forward, gradients after the last backward). The reduction overlaps the last micro-batch's
//   backward (plan.dp_overlap), the gather the first forward (plan.dp_param_gather_overlap), in buckets of
//   plan.dp_bucket_params parameters (one layer per bucket for ZeRO-3's FSDP units): the last bucket's transfer
//   stays exposed.
DataParallelSeconds data_parallel_seconds(const ParallelPlan& plan, const StageParameters& params,
                                          double stage_forward, double stage_backward, double micro_batches,
                                          const PlanGroups& groups, const CollectiveModel& net, double sm_share);

}  // namespace stargate::detail
