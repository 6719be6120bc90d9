#include "stargate/sim/training_step.h"

#include <algorithm>
#include <cmath>

#include "stage_timing.h"
#include "stargate/mapping/placement.h"
#include "stargate/perf/kernel_cost_model.h"

namespace stargate {
namespace {

using detail::StageTimes;

// Megatron's default DDP bucket: 40M parameters; the last bucket's reduction cannot overlap backward.
constexpr double kBucketParams = 40e6;
// Fused Adam with fp32 master weights: read param, grad, m, v (16 B), write param, m, v (12 B) and the bf16
// copy (2 B), plus the gradient-norm pass (4 B): bytes moved per parameter the GPU updates.
constexpr double kOptimizerBytesPerParam = 34;

// Time of one micro-batch through `stage`, from the per-layer-type times.
StageTimes stage_times(const ModelSpec& m, const ParallelPlan& plan, int stage, const StageTimes& dense_layer,
                       const StageTimes& moe_layer, const StageTimes& embedding, const StageTimes& output) {
  const StageParameters params = stage_parameters(m, plan, stage);
  StageTimes t = dense_layer.scaled(params.dense_layers);
  if (params.moe_layers > 0) t += moe_layer.scaled(params.moe_layers);
  if (stage == 0) t += embedding;
  if (stage == plan.pp - 1) t += output;
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

LayerTimeSet compute_layer_times(const ModelSpec& m, const Cluster& cluster, const ParallelPlan& plan, int seq_len,
                                 const KernelCostModel& kernels, const CollectiveModel& collectives,
                                 const TrainingOptions& options) {
  LayerShard shard{plan.tp, plan.cp, plan.ep, plan.sequence_parallel && plan.tp > 1,
                   static_cast<double>(plan.micro_batch), static_cast<double>(seq_len), 1.0, m.dropout,
                   options.flash_attention};
  if (m.moe) {
    shard.expert_load_imbalance = expected_expert_load_imbalance(shard.micro_batch * seq_len / plan.cp,
                                                                 m.moe->top_k, m.moe->routed_experts, plan.ep);
  }
  const PlanGroups groups = place_plan(plan, cluster.node);
  const EagerElementwiseModel* eager =
      options.eager_elementwise ? &EagerElementwiseModel::for_device(cluster.accelerator) : nullptr;
  const detail::StageContext context{m, plan, shard, groups, kernels, collectives, eager};
  thread_local std::vector<Operator> scratch;
  scratch.reserve(64);
  const int first_moe = m.moe ? m.moe->first_dense_layers : m.layers;
  LayerTimeSet set;
  if (first_moe > 0) set.dense_layer = detail::time_layer(context, 0, scratch);
  if (m.moe) set.moe_layer = detail::time_layer(context, first_moe, scratch);
  set.embedding = detail::time_embedding(context, scratch);
  set.output = detail::time_output(context, scratch);
  return set;
}

TrainingEstimate estimate_training_step(const ModelSpec& m, const Cluster& cluster, const TrainingJob& job,
                                        const KernelCostModel& kernels, const CollectiveModel& collectives,
                                        const TrainingOptions& options) {
  const LayerTimeSet layers = compute_layer_times(m, cluster, job.plan, job.seq_len, kernels, collectives, options);
  return assemble_training_step(m, cluster, job, layers, kernels, collectives, options);
}

TrainingEstimate assemble_training_step(const ModelSpec& m, const Cluster& cluster, const TrainingJob& job,
                                        const LayerTimeSet& layers, const KernelCostModel& kernels,
                                        const CollectiveModel& collectives, const TrainingOptions& options,
                                        const MemoryBreakdown* known_memory) {
  const ParallelPlan& plan = job.plan;
  TrainingEstimate e;
  e.micro_batches = static_cast<int>(std::llround(job.global_batch_sequences / (plan.micro_batch * plan.dp)));
  const double mbs = e.micro_batches;
  const PlanGroups groups = place_plan(plan, cluster.node);
  const StageTimes& dense_layer = layers.dense_layer;
  const StageTimes& moe_layer = layers.moe_layer;
  const StageTimes& embedding = layers.embedding;
  const StageTimes& output = layers.output;

  // Pipeline: the slowest stage sets the steady state; fill and drain pass once through every stage
  // (1F1B bubble (p−1)/m of a stage time, interleaved (p−1)/(v·m); Narayanan et al. 2021).
  StageTimes slowest;
  double sum_stage_seconds = 0;
  int slowest_stage = 0;
  const int distinct = std::min(plan.pp, 3);
  const int probe[3] = {0, plan.pp - 1, plan.pp / 2};
  for (int i = 0; i < distinct; ++i) {
    StageTimes t = stage_times(m, plan, probe[i], dense_layer, moe_layer, embedding, output);
    if (t.total() > slowest.total()) {
      slowest = t;
      slowest_stage = probe[i];
    }
  }
  if (options.record_stage_times) {
    e.stage_forward_seconds.assign(plan.pp, 0);
    e.stage_backward_seconds.assign(plan.pp, 0);
  }
  for (int s = 0; s < plan.pp; ++s) {
    // Middle stages differ only by their layer count; price them from the per-layer times.
    const StageParameters params = stage_parameters(m, plan, s);
    const int moe_layers = params.moe_layers;
    const int dense_layers = params.dense_layers;
    double f = dense_layers * dense_layer.forward + moe_layers * moe_layer.forward;
    double bwd = dense_layers * dense_layer.backward + moe_layers * moe_layer.backward;
    if (s == 0) f += embedding.forward, bwd += embedding.backward;
    if (s == plan.pp - 1) f += output.forward, bwd += output.backward;
    sum_stage_seconds += f + bwd;
    if (options.record_stage_times) {
      e.stage_forward_seconds[s] = f;
      e.stage_backward_seconds[s] = bwd;
    }
  }
  const double average_stage = sum_stage_seconds / plan.pp;
  StepBreakdown& b = e.breakdown;
  const StageTimes steady = slowest.scaled(mbs);
  b.compute_seconds = steady.compute_by_class;
  b.recompute_seconds = steady.recompute;
  b.tp_comm_seconds = steady.tp_comm;
  b.cp_comm_seconds = steady.cp_comm;
  b.ep_comm_seconds = steady.ep_comm;
  b.bubble_seconds = plan.pp > 1 ? (plan.pp - 1) * average_stage / plan.vpp : 0;

  if (plan.pp > 1) {
    // Activations (forward) and their gradients (backward) cross each stage boundary; Megatron splits the
    // message over the TP ranks (scatter-gather). On the critical path once per micro-batch and per fill step.
    const double bytes = static_cast<double>(plan.micro_batch) * job.seq_len / plan.cp * m.hidden * 2 / (plan.sequence_parallel ? plan.tp : 1);
    CommGroup pair{2, groups.pp_within_domain ? 2 : 1};
    e.p2p_seconds = collectives.seconds(Collective::send_recv, bytes, pair);
    b.pp_comm_seconds = 2 * (mbs + plan.pp - 1) * e.p2p_seconds;
  }

  // Data parallelism: gradients reduced once per step; ZeRO ≥ 1 then all-gathers the updated bf16 weights.
  const StageParameters params = stage_parameters(m, plan, slowest_stage);
  const double grad_bytes = plan.precision == Dtype::fp16 ? 2 : 4;
  const CollectiveModel& net = collectives;
  auto reduce_time = [&](double params_on_gpu, const CommGroup& group) {
    if (group.size <= 1 || params_on_gpu <= 0) return 0.0;
    if (plan.zero_stage == 0) return net.seconds(Collective::all_reduce, params_on_gpu * grad_bytes, group);
    return net.seconds(Collective::reduce_scatter, params_on_gpu * grad_bytes, group) +
           net.seconds(Collective::all_gather, params_on_gpu * 2, group);
  };
  const double dp_comm = reduce_time(params.dense, groups.dp) + reduce_time(params.experts, groups.expert_dp);
  if (plan.zero_stage == 3) {
    // FSDP / ZeRO-3: every micro-batch gathers each layer's weights in forward and backward and reduce-scatters
    // its gradients; each transfer hides behind the neighbouring layer's compute.
    const double per_layer_params = (params.dense + params.experts) / std::max(1, params.layers);
    const CommGroup& g = groups.dp;
    const double gather = net.seconds(Collective::all_gather, per_layer_params * 2, g);
    const double scatter = net.seconds(Collective::reduce_scatter, per_layer_params * grad_bytes, g);
    const double layer_forward = slowest.forward / std::max(1, params.layers);
    const double layer_backward = slowest.backward / std::max(1, params.layers);
    const double per_layer = std::max(0.0, gather - layer_forward) + std::max(0.0, gather + scatter - layer_backward);
    const double total = (2 * gather + scatter) * params.layers * mbs;
    const double exposed = per_layer * params.layers * mbs;
    // Overlapped transfers slow the compute beside them (NCCL's thread blocks take SMs).
    b.dp_comm_seconds = plan.dp_overlap ? exposed + detail::overlap_contention_seconds(total - exposed) : total;
  } else {
    const double buckets = std::max(1.0, (params.dense + params.experts) / kBucketParams);
    // Overlap window: the last micro-batch's backward (gradients) and the first forward (weight gathers).
    const double window = slowest.backward + (plan.zero_stage >= 1 ? slowest.forward : 0);
    const double exposed = std::max(dp_comm / buckets, dp_comm - window);
    b.dp_comm_seconds = plan.dp_overlap ? exposed + detail::overlap_contention_seconds(dp_comm - exposed) : dp_comm;
  }

  const double optimizer_params =
      params.dense / (plan.zero_stage >= 1 ? static_cast<double>(groups.dp.size) : 1) +
      params.experts / (plan.zero_stage >= 1 ? static_cast<double>(groups.expert_dp.size) : 1);
  b.optimizer_seconds = kernels.memory_bound_seconds(optimizer_params * kOptimizerBytesPerParam);

  e.step_seconds = steady.total() + b.bubble_seconds + b.pp_comm_seconds + b.dp_comm_seconds + b.optimizer_seconds;
  e.tokens_per_step = job.global_batch_sequences * job.seq_len;
  e.tokens_per_second = e.tokens_per_step / e.step_seconds;
  e.model_flops_per_step = model_flops_per_step(m, e.tokens_per_step, job.seq_len);
  // Hardware FLOPs add the recomputed forward work: the whole layer stack (full) or attention's core (selective).
  const double forward_flops = e.model_flops_per_step / 3;
  double attention_width = static_cast<double>(m.heads) * m.head_dim;
  const double attention_forward = e.tokens_per_step * 4.0 * m.layers * job.seq_len * attention_width;
  const double output_forward = e.tokens_per_step * 2.0 * m.vocab * m.hidden;
  e.hardware_flops_per_step = e.model_flops_per_step;
  if (plan.recompute == Recompute::full) e.hardware_flops_per_step += forward_flops - output_forward;
  if (plan.recompute == Recompute::selective) e.hardware_flops_per_step += attention_forward;
  if (plan.recompute == Recompute::selective_ops) {
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
    if (all > 0) e.hardware_flops_per_step += (forward_flops - output_forward - attention_forward) * again / all;
  }
  const double peak = cluster.accelerator.bf16_peak_flops_per_s() * cluster.gpus;
  e.mfu = e.model_flops_per_step / (e.step_seconds * peak);
  e.hfu = e.hardware_flops_per_step / (e.step_seconds * peak);

  e.memory = known_memory != nullptr
                 ? *known_memory
                 : estimate_memory(m, plan, MemoryInputs{job.seq_len, e.micro_batches, options.flash_attention});
  e.hbm_capacity_bytes = cluster.accelerator.hbm_capacity_bytes;
  e.fits = e.memory.total_bytes() <= e.hbm_capacity_bytes;

  if (!kernels.scaled_from().empty()) {
    e.notes.push_back("no calibration data for " + cluster.accelerator.id + ": kernel costs scaled from the " +
                      kernels.scaled_from() + " measurements by datasheet peaks");
  }
  if (m.layers % plan.pp != 0) {
    e.notes.push_back(std::to_string(m.layers) + " layers over " + std::to_string(plan.pp) +
                      " stages: early stages hold one more layer and set the pace");
  }
  if (plan.tp > cluster.node.scale_up_domain) {
    e.notes.push_back("tensor parallelism spans beyond one scale-up domain: its collectives cross the fabric");
  }
  return e;
}

}  // namespace stargate
