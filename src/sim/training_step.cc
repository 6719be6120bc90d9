#include "stargate/sim/training_step.h"

#include <algorithm>
#include <cmath>

#include "data_parallel_time.h"
#include "fp8_weight_casts.h"
#include "host_offload_time.h"
#include "stage_timing.h"
#include "stargate/sim/collective_sm_share.h"
#include "stargate/mapping/fp8_recipe.h"
#include "stargate/mapping/placement.h"
#include "stargate/mapping/plan_layer_shard.h"
#include "stargate/perf/kernel_cost_model.h"

namespace stargate {
namespace {

using detail::StageTimes;

// Fused Adam with fp32 master weights: read param, grad, m, v (16 B), write param, m, v (12 B) and the bf16
// copy (2 B), plus the gradient-norm pass (4 B): bytes moved per parameter the GPU updates.
constexpr double kOptimizerBytesPerParam = 34;

// Time of one micro-batch through `stage`, from the per-layer-type times.
StageTimes stage_times(const ModelSpec& m, const ParallelPlan& plan, int stage, const LayerTimeSet& layers) {
  const StageLayers counts = stage_layers(m, plan, stage);
  StageTimes t = layers.dense_layer.scaled(counts.dense);
  if (counts.moe > 0) t += layers.moe_layer.scaled(counts.moe);
  if (counts.local > 0) t += layers.local_attention_delta.scaled(counts.local);
  if (stage == 0) t += layers.embedding;
  if (stage == plan.pp - 1) t += layers.output;
  return t;
}

}  // namespace

double model_flops_per_step(const ModelSpec& m, double tokens, int seq_len) {
  const ParameterCount count = count_parameters(m);
  double matmul_params = count.attention + count.dense_ffn + count.shared_experts + count.router +
                         static_cast<double>(m.vocab) * m.hidden;  // output projection
  if (m.moe) matmul_params += count.experts * m.moe->top_k / m.moe->routed_experts;
  double attention_width = static_cast<double>(m.heads) * m.head_dim;  // QKᵀ and AV at the same width
  if (m.mla) {
    attention_width = m.heads * (m.mla->qk_nope_head_dim + m.mla->qk_rope_head_dim + m.mla->v_head_dim) / 2.0;
  }
  return tokens * (6 * matmul_params + 12.0 * m.layers * seq_len * attention_width);
}

LayerTimeSet compute_layer_times(const ModelSpec& m, const Cluster& cluster, const ParallelPlan& plan,
                                 const PlanGroups& groups, int seq_len, const KernelCostModel& kernels,
                                 const CollectiveModel& collectives, const TrainingOptions& options) {
  const LayerShard shard = plan_layer_shard(m, plan, seq_len, options.flash_attention);
  const EagerElementwiseModel* eager =
      options.eager_elementwise ? &EagerElementwiseModel::for_device(cluster.accelerator) : nullptr;
  auto context_for = [&](const LayerShard& layer_shard) {
    return detail::StageContext{m,
                                plan,
                                layer_shard,
                                groups,
                                kernels,
                                collectives,
                                eager,
                                collective_sm_share(cluster.accelerator),
                                cluster.node.nic_bandwidth_per_gpu_bytes_per_s,
                                cluster.accelerator.scale_up_bandwidth_bytes_per_s,
                                options.moe_grouped_gemm};
  };
  const detail::StageContext context = context_for(shard);
  thread_local std::vector<Operator> scratch;
  scratch.reserve(64);
  const int first_moe = m.moe ? m.moe->first_dense_layers : m.layers;
  LayerTimeSet set;
  if (first_moe > 0) set.dense_layer = detail::time_layer(context, 0, scratch);
  if (m.moe) set.moe_layer = detail::time_layer(context, first_moe, scratch);
  if (m.local_attention && m.local_attention->window < seq_len && shard.flash_attention) {
    // The same layer with its attention core limited to the window; the difference is all that changes.
    LayerShard windowed = shard;
    windowed.local_attention = m.local_attention;
    const int probe = first_moe > 0 ? 0 : first_moe;
    set.local_attention_delta = detail::time_layer(context_for(windowed), probe, scratch);
    set.local_attention_delta += (probe == 0 ? set.dense_layer : set.moe_layer).scaled(-1);
  }
  set.embedding = detail::time_embedding(context, scratch);
  set.output = detail::time_output(context, scratch);
  return set;
}

TrainingEstimate estimate_training_step(const ModelSpec& m, const Cluster& cluster, const TrainingJob& job,
                                        const KernelCostModel& kernels, const CollectiveModel& collectives,
                                        const TrainingOptions& options) {
  const PlanGroups groups = place_plan(job.plan, cluster.node);
  const LayerTimeSet layers =
      compute_layer_times(m, cluster, job.plan, groups, job.seq_len, kernels, collectives, options);
  TrainingEstimate e = assemble_training_step(m, cluster, job, groups, layers, kernels, collectives, options);
  // Where an uncalibrated low-precision GEMM's rate comes from (kept off the search's per-plan path).
  if (job.plan.precision == Dtype::fp8 || job.plan.precision == Dtype::fp4) {
    const Fp8RecipeCosts& recipe = fp8_recipe_costs(job.plan.fp8_recipe);
    if (!recipe.gemm_kernel_calibrated) {
      e.notes.push_back(std::string(fp8_recipe_name(job.plan.fp8_recipe)) + " recipe GEMMs: " + recipe.gemm_kernel);
    }
  }
  return e;
}

namespace {

struct SlowestStage {
  StageTimes times;  // one micro-batch through it
  int stage = 0;
};

// The pipeline's pace: the slowest stage. Stages differ only by their layer counts, so the first, last and a
// middle stage are the only candidates.
SlowestStage find_slowest_stage(const ModelSpec& m, const ParallelPlan& plan, const LayerTimeSet& layers) {
  SlowestStage slowest;
  const int distinct = std::min(plan.pp, 3);
  const int probe[3] = {0, plan.pp - 1, plan.pp / 2};
  for (int i = 0; i < distinct; ++i) {
    StageTimes t = stage_times(m, plan, probe[i], layers);
    if (t.total() > slowest.times.total()) slowest = {.times = t, .stage = probe[i]};
  }
  return slowest;
}

// Mean forward+backward seconds of one micro-batch over the stages (the fill/drain bubble is made of these);
// fills the per-stage times when the options ask for them (traces).
double average_stage_seconds(const ModelSpec& m, const ParallelPlan& plan, const LayerTimeSet& layers,
                             const TrainingOptions& options, TrainingEstimate& e) {
  if (options.record_stage_times) {
    e.stage_forward_seconds.assign(plan.pp, 0);
    e.stage_backward_seconds.assign(plan.pp, 0);
  }
  double sum_stage_seconds = 0;
  for (int s = 0; s < plan.pp; ++s) {
    const StageLayers counts = stage_layers(m, plan, s);
    double f = counts.dense * layers.dense_layer.forward + counts.moe * layers.moe_layer.forward +
               counts.local * layers.local_attention_delta.forward;
    double bwd = counts.dense * layers.dense_layer.backward + counts.moe * layers.moe_layer.backward +
                 counts.local * layers.local_attention_delta.backward;
    if (s == 0) f += layers.embedding.forward, bwd += layers.embedding.backward;
    if (s == plan.pp - 1) f += layers.output.forward, bwd += layers.output.backward;
    sum_stage_seconds += f + bwd;
    if (options.record_stage_times) {
      e.stage_forward_seconds[s] = f;
      e.stage_backward_seconds[s] = bwd;
    }
  }
  return sum_stage_seconds / plan.pp;
}

// Activations (forward) and their gradients (backward) cross each stage boundary, every TP rank sending to its
// peer in the next stage. Under sequence parallelism each rank holds and sends its 1/tp sequence shard. Without it
// every TP rank holds the whole tensor: it sends all of it, or with the scatter/gather optimization
// (plan.pp_scatter_gather; Megatron-LM megatron/p2p_communication.py before Megatron-Core, Narayanan et al. 2021
// §4.1) 1/tp of it, and the receiving stage all-gathers the pieces over its TP group before use.
// Seconds of one transfer.
double pipeline_p2p_seconds(const ModelSpec& m, const TrainingJob& job, const PlanGroups& groups,
                            const CollectiveModel& collectives) {
  const ParallelPlan& plan = job.plan;
  const double whole_bytes = static_cast<double>(plan.micro_batch) * job.seq_len / plan.cp * m.hidden * 2;
  const bool split = plan.tp > 1 && (plan.sequence_parallel || plan.pp_scatter_gather);
  const CommGroup pair{.size = 2, .ranks_per_domain = groups.pp_within_domain ? 2 : 1};
  const double send = collectives.seconds(Collective::send_recv, split ? whole_bytes / plan.tp : whole_bytes, pair);
  const bool gather = split && !plan.sequence_parallel;
  return send + (gather ? collectives.seconds(Collective::all_gather, whole_bytes, groups.tp) : 0);
}

// Hardware FLOPs of one step: model FLOPs plus the recomputed forward work (the whole layer stack under full
// recompute, attention's core under selective, the re-run matmuls under operator-level checkpointing).
double hardware_flops_per_step(const ModelSpec& m, const TrainingJob& job, double tokens, double model_flops) {
  const Recompute recompute = job.plan.recompute;
  const double forward_flops = model_flops / 3;
  const double attention_width = static_cast<double>(m.heads) * m.head_dim;
  const double attention_forward = tokens * 4.0 * m.layers * job.seq_len * attention_width;
  const double output_forward = tokens * 2.0 * m.vocab * m.hidden;
  double flops = model_flops;
  if (recompute == Recompute::full) flops += forward_flops - output_forward;
  if (recompute == Recompute::selective) flops += attention_forward;
  if (recompute == Recompute::selective_ops) {
    // The re-run matmuls' share of one layer's forward matmul FLOPs, applied to the layers' forward FLOPs.
    std::vector<Operator> ops;
    LayerShard shard;
    shard.seq_len = job.seq_len;
    append_layer_operators(m, shard, 0, ops);
    const std::vector<double> rerun = selective_ops_recompute_fractions(ops);
    double all = 0, again = 0;
    for (size_t i = 0; i < ops.size(); ++i) {
      if (ops[i].kind != OpKind::gemm && ops[i].kind != OpKind::grouped_gemm) continue;
      all += ops[i].forward_flops();
      again += rerun[i] * ops[i].forward_flops();
    }
    if (all > 0) flops += (forward_flops - output_forward - attention_forward) * again / all;
  }
  return flops;
}

void add_plan_notes(const ModelSpec& m, const Cluster& cluster, const ParallelPlan& plan,
                    const KernelCostModel& kernels, std::vector<std::string>& notes) {
  if (!kernels.scaled_from().empty()) {
    notes.push_back("no calibration data for " + cluster.accelerator.id + ": kernel costs scaled from the " +
                    kernels.scaled_from() + " measurements by datasheet peaks");
    for (const std::string& pinned : kernels.sustained_notes()) notes.push_back(pinned);
  }
  if (m.layers % plan.pp != 0) {
    notes.push_back(std::to_string(m.layers) + " layers over " + std::to_string(plan.pp) +
                    " stages: early stages hold one more layer and set the pace");
  }
  if (plan.tp > cluster.node.scale_up_domain) {
    notes.push_back("tensor parallelism spans beyond one scale-up domain: its collectives cross the fabric");
  }
}

}  // namespace

TrainingEstimate assemble_training_step(const ModelSpec& m, const Cluster& cluster, const TrainingJob& job,
                                        const PlanGroups& groups, const LayerTimeSet& layers,
                                        const KernelCostModel& kernels, const CollectiveModel& collectives,
                                        const TrainingOptions& options, const MemoryBreakdown* known_memory) {
  const ParallelPlan& plan = job.plan;
  TrainingEstimate e;
  e.micro_batches = static_cast<int>(std::llround(job.global_batch_sequences / (plan.micro_batch * plan.dp)));
  const double mbs = e.micro_batches;

  // Pipeline: the slowest stage sets the steady state; fill and drain pass once through every stage
  // (1F1B bubble (p−1)/m of a stage time, interleaved (p−1)/(v·m); Narayanan et al. 2021).
  const SlowestStage slowest = find_slowest_stage(m, plan, layers);
  const double average_stage = average_stage_seconds(m, plan, layers, options, e);
  StepBreakdown& b = e.breakdown;
  const StageTimes steady = slowest.times.scaled(mbs);
  b.compute_seconds = steady.compute_by_class;
  b.recompute_seconds = steady.recompute;
  b.tp_comm_seconds = steady.tp_comm;
  b.cp_comm_seconds = steady.cp_comm;
  b.tp_comm_overlapped_seconds = steady.tp_comm_overlapped;
  b.cp_comm_overlapped_seconds = steady.cp_comm_overlapped;
  b.ep_comm_overlapped_seconds = steady.ep_comm_overlapped;
  b.ep_comm_seconds = steady.ep_comm;
  b.bubble_seconds = plan.pp > 1 ? (plan.pp - 1) * average_stage / plan.vpp : 0;
  if (plan.pp > 1) {
    // On the critical path once per micro-batch and per fill step, forward and backward.
    e.p2p_seconds = pipeline_p2p_seconds(m, job, groups, collectives);
    b.pp_comm_seconds = 2 * (mbs + plan.pp - 1) * e.p2p_seconds;
  }
  const StageParameters params = stage_parameters(m, plan, slowest.stage);
  const detail::DataParallelSeconds dp =
      detail::data_parallel_seconds(plan, params, slowest.times.forward, slowest.times.backward, mbs, groups,
                                    collectives, collective_sm_share(cluster.accelerator));
  b.dp_comm_seconds = dp.exposed;
  b.dp_comm_overlapped_seconds = dp.overlapped;
  const double optimizer_params =
      params.dense / (plan.zero_stage >= 1 ? static_cast<double>(groups.dp.size) : 1) +
      params.experts / (plan.zero_stage >= 1 ? static_cast<double>(groups.expert_dp.size) : 1);
  // The update (its offloaded share runs on the host: host_offload_time.h), and the recipe's once-per-step casts
  // of the updated weights (fp8/fp4 recipes that cache them).
  b.optimizer_seconds =
      kernels.memory_bound_seconds((1 - plan.offload.optimizer) * optimizer_params * kOptimizerBytesPerParam) +
      detail::cached_weight_cast_seconds(m, plan, slowest.stage, kernels);
  e.memory = known_memory != nullptr
                 ? *known_memory
                 : estimate_memory(m, plan, MemoryInputs{job.seq_len, e.micro_batches, options.flash_attention});
  if (plan.offload.any()) {
    const detail::HostOffloadSeconds offload = detail::host_offload_seconds(
        {.offload = plan.offload, .memory = e.memory, .optimizer_params = optimizer_params,
         .stage_forward_seconds = slowest.times.forward, .stage_backward_seconds = slowest.times.backward,
         .micro_batches = mbs, .gradient_copy_overlapped = plan.dp_overlap,
         .host_link_bytes_per_s = cluster.node.host_link_bandwidth_per_gpu_bytes_per_s,
         .host_memory_bytes_per_s = cluster.node.host_memory_bandwidth_per_gpu_bytes_per_s});
    b.offload_seconds = offload.exposed;
    b.offload_overlapped_seconds = offload.overlapped;
  }

  e.step_seconds = steady.total() + b.bubble_seconds + b.pp_comm_seconds + b.dp_comm_seconds + b.optimizer_seconds +
                   b.offload_seconds;
  e.tokens_per_step = job.global_batch_sequences * job.seq_len;
  e.tokens_per_second = e.tokens_per_step / e.step_seconds;
  e.model_flops_per_step = model_flops_per_step(m, e.tokens_per_step, job.seq_len);
  e.hardware_flops_per_step = hardware_flops_per_step(m, job, e.tokens_per_step, e.model_flops_per_step);
  const double peak = cluster.accelerator.bf16_peak_flops_per_s() * cluster.gpus;
  e.mfu = e.model_flops_per_step / (e.step_seconds * peak);
  e.hfu = e.hardware_flops_per_step / (e.step_seconds * peak);

  e.hbm_capacity_bytes = cluster.accelerator.hbm_capacity_bytes;
  e.memory_headroom_bytes = e.hbm_capacity_bytes - cluster.accelerator.usable_hbm_bytes();
  e.host_memory_capacity_bytes = cluster.node.host_memory_per_gpu_bytes;
  e.fits = fits_in_memory(e.memory, cluster);
  add_plan_notes(m, cluster, plan, kernels, e.notes);
  return e;
}

}  // namespace stargate
