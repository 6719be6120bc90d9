// Data-parallel communication of one training step (see data_parallel_time.h).
#include "data_parallel_time.h"

#include <algorithm>

#include "stage_timing.h"

namespace stargate::detail {
namespace {

// ZeRO-3 / FSDP gathering per micro-batch (Zero3Gather::per_micro_batch / per_module): every micro-batch gathers
// each layer's weights in forward and `backward_gathers` times in backward and reduce-scatters its gradients; each
// transfer hides behind the neighbouring layer's compute in the same direction.
DataParallelSeconds zero3_per_micro_batch(const ParallelPlan& plan, const StageParameters& params,
                                          double stage_forward, double stage_backward, double micro_batches,
                                          const CommGroup& g, const CollectiveModel& net, double grad_bytes,
                                          double sm_share, int backward_gathers) {
  const double per_layer_params = (params.dense + params.experts) / std::max(1, params.layers);
  const double gather = net.seconds(Collective::all_gather, per_layer_params * 2, g);
  const double scatter = net.seconds(Collective::reduce_scatter, per_layer_params * grad_bytes, g);
  const double layer_forward = stage_forward / std::max(1, params.layers);
  const double layer_backward = stage_backward / std::max(1, params.layers);
  const double backward_comm = backward_gathers * gather + scatter;
  const double per_layer = std::max(0.0, gather - layer_forward) + std::max(0.0, backward_comm - layer_backward);
  const double total = (gather + backward_comm) * params.layers * micro_batches;
  if (!plan.dp_overlap) return {.exposed = total};
  const double exposed = per_layer * params.layers * micro_batches;
  // Overlapped transfers slow the compute beside them (NCCL's thread blocks take SMs).
  return {.exposed = exposed + detail::overlap_contention_seconds(total - exposed, sm_share),
          .overlapped = total - exposed};
}

// DeepSpeed's per-module gathering (Zero3Gather::per_module): its per-parameter collectives over the whole DP
// group are priced as a flat ring (every rank its own domain, so its share crosses its own NIC), and under full
// recompute the recompute forward gathers the weights again before the backward does.
DataParallelSeconds zero3_per_module(const ParallelPlan& plan, const StageParameters& params, double stage_forward,
                                     double stage_backward, double micro_batches, const CommGroup& dp,
                                     const CollectiveModel& net, double grad_bytes, double sm_share) {
  const CommGroup flat{.size = dp.size, .ranks_per_domain = 1};
  const int backward_gathers = plan.recompute == Recompute::full ? 2 : 1;
  return zero3_per_micro_batch(plan, params, stage_forward, stage_backward, micro_batches, flat, net, grad_bytes,
                               sm_share, backward_gathers);
}

}  // namespace

DataParallelSeconds data_parallel_seconds(const ParallelPlan& plan, const StageParameters& params,
                                          double stage_forward, double stage_backward, double micro_batches,
                                          const PlanGroups& groups, const CollectiveModel& net, double sm_share) {
  const double grad_bytes = plan.precision == Dtype::fp16 ? 2 : 4;
  if (plan.zero_stage == 3 && plan.zero3_gather == Zero3Gather::per_micro_batch) {
    return zero3_per_micro_batch(plan, params, stage_forward, stage_backward, micro_batches, groups.dp, net,
                                 grad_bytes, sm_share, 1);
  }
  if (plan.zero_stage == 3 && plan.zero3_gather == Zero3Gather::per_module) {
    return zero3_per_module(plan, params, stage_forward, stage_backward, micro_batches, groups.dp, net, grad_bytes,
                            sm_share);
  }
  double reduce = 0, gather = 0;
  auto add = [&](double params_on_gpu, const CommGroup& group) {
    if (group.size <= 1 || params_on_gpu <= 0) return;
    if (plan.zero_stage == 0) {
      reduce += net.seconds(Collective::all_reduce, params_on_gpu * grad_bytes, group);
      return;
    }
    reduce += net.seconds(Collective::reduce_scatter, params_on_gpu * grad_bytes, group);
    gather += net.seconds(Collective::all_gather, params_on_gpu * 2, group);
  };
  add(params.dense, groups.dp);
  add(params.experts, groups.expert_dp);
  const double total = reduce + gather;
  const double stage_params = params.dense + params.experts;
  const double buckets = plan.zero_stage == 3 ? std::max(1, params.layers)
                                              : std::max(1.0, stage_params / plan.dp_bucket_params);
  double exposed = 0;
  if (plan.dp_overlap && (plan.dp_param_gather_overlap || gather == 0)) {
    // Both overlapped: one stream of buckets under the last backward and the first forward.
    const double window = stage_backward + (gather > 0 ? stage_forward : 0);
    exposed = std::max(total / buckets, total - window);
  } else {
    exposed = (plan.dp_overlap ? std::max(reduce / buckets, reduce - stage_backward) : reduce) +
              (plan.dp_param_gather_overlap ? std::max(gather / buckets, gather - stage_forward) : gather);
  }
  return {.exposed = exposed + detail::overlap_contention_seconds(total - exposed, sm_share),
          .overlapped = total - exposed};
}

}  // namespace stargate::detail
