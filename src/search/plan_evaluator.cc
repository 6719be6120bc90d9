#include "stargate/search/plan_evaluator.h"

#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/mapping/memory_model.h"
#include "stargate/mapping/plan_validation.h"

namespace stargate {
namespace {

// The plan fields per-layer times depend on, packed into one key.
uint64_t layer_key(const ParallelPlan& p) {
  uint64_t k = static_cast<uint64_t>(p.tp);
  k = k * 1024 + static_cast<uint64_t>(p.cp);
  k = k * 4096 + static_cast<uint64_t>(p.ep);
  k = k * 1'000'000 + static_cast<uint64_t>(p.micro_batch);
  k = k * 8 + static_cast<uint64_t>(p.precision);
  k = k * 4 + static_cast<uint64_t>(p.recompute);
  k = k * 2 + (p.sequence_parallel ? 1 : 0);
  k = k * 4 + static_cast<uint64_t>(p.tp_comm_overlap);
  k = k * 8 + static_cast<uint64_t>(p.fp8_recipe);  // 63 bits in all
  return k;
}

bool offloads_at_least(const HostOffload& a, const HostOffload& b) {
  return a.weights >= b.weights && a.activations >= b.activations && a.optimizer >= b.optimizer;
}

}  // namespace

HostOffload offload_variant(int index) {
  switch (index) {
    case 1: return {.optimizer = 1};
    case 2: return {.activations = 1};
    case 3: return {.activations = 1, .optimizer = 1};
    case 4: return {.weights = 1, .optimizer = 1};
    case 5: return {.weights = 1, .activations = 1, .optimizer = 1};
    default: return {};
  }
}

PlanEvaluator::PlanEvaluator(const ModelSpec& model, const Cluster& cluster, int seq_len, double global_batch,
                             const KernelCostModel& kernels, const CollectiveModel& collectives,
                             SearchObjective objective)
    : model_(model), cluster_(cluster), kernels_(kernels), collectives_(collectives), objective_(objective) {
  job_.seq_len = seq_len;
  job_.global_batch_sequences = global_batch;
  const double node_watts = cluster.node.node_power_watts > 0 ? cluster.node.node_power_watts
                                                              : cluster.accelerator.tdp_watts * cluster.node.gpus_per_node;
  watts_per_gpu_ = node_watts / cluster.node.gpus_per_node;
  gpu_hour_cost_ = stargate::gpu_hour_cost(cluster, default_cost_assumptions());
}

const LayerTimeSet& PlanEvaluator::layer_times(const ParallelPlan& plan, const PlanGroups& groups) {
  const uint64_t key = layer_key(plan);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  LayerTimeSet set =
      compute_layer_times(model_, cluster_, plan, groups, job_.seq_len, kernels_, collectives_, options_);
  return cache_.emplace(key, set).first->second;
}

PlanScore PlanEvaluator::score(const ParallelPlan& plan) {
  PlanScore s;
  if (auto problem = check_plan(model_, cluster_.accelerator, plan,
                                PlanContext{cluster_.gpus, job_.seq_len, job_.global_batch_sequences})) {
    s.reject_reason = kRejectOther;
    for (int i = 0; i < kRejectOther; ++i) {
      if (problem->field == kRejectReasons[i]) s.reject_reason = i;
    }
    return s;
  }
  const int micro_batches = static_cast<int>(job_.global_batch_sequences / (plan.micro_batch * plan.dp));
  const MemoryBreakdown memory =
      estimate_memory(model_, plan, MemoryInputs{job_.seq_len, micro_batches, options_.flash_attention});
  if (fits(memory)) return timed(plan, memory);
  s.memory_bytes = memory.total_bytes();
  s.verdict = PlanVerdict::does_not_fit;
  s.reject_reason = kRejectMemory;
  if (offload_variants_ != 0 && !plan.offload.any()) return with_offload(plan, micro_batches, s);
  return s;
}

bool PlanEvaluator::fits(const MemoryBreakdown& memory) const {
  const bool over_limit = constraints_.max_memory_bytes > 0 && memory.total_bytes() > constraints_.max_memory_bytes;
  return !over_limit && fits_in_memory(memory, cluster_);
}

PlanScore PlanEvaluator::timed(const ParallelPlan& plan, const MemoryBreakdown& memory) {
  PlanScore s;
  s.memory_bytes = memory.total_bytes();
  job_.plan = plan;
  const PlanGroups groups = place_plan(plan, cluster_.node);
  const TrainingEstimate e = assemble_training_step(model_, cluster_, job_, groups, layer_times(plan, groups), kernels_,
                                                    collectives_, options_, &memory);
  s.step_seconds = e.step_seconds;
  s.mfu = e.mfu;
  if ((constraints_.max_step_seconds > 0 && e.step_seconds > constraints_.max_step_seconds) ||
      (constraints_.min_mfu > 0 && e.mfu < constraints_.min_mfu)) {
    s.verdict = PlanVerdict::invalid;
    s.reject_reason = kRejectConstraint;
    return s;
  }
  s.verdict = PlanVerdict::scored;
  switch (objective_) {
    case SearchObjective::step_time: s.objective = e.step_seconds; break;
    case SearchObjective::cost: s.objective = usd_for_gpu_seconds(gpu_hour_cost_, e.step_seconds * cluster_.gpus); break;
    case SearchObjective::energy: s.objective = e.step_seconds * cluster_.gpus * watts_per_gpu_; break;
  }
  return s;
}

PlanScore PlanEvaluator::with_offload(const ParallelPlan& plan, int micro_batches, const PlanScore& unfit) {
  PlanScore best = unfit;
  uint32_t fitting = 0;  // variants that fit: any superset of one only adds transfers and is not timed
  for (int variant = 1; variant < kOffloadVariantCount; ++variant) {
    if ((offload_variants_ & (1u << variant)) == 0) continue;
    const HostOffload offload = offload_variant(variant);
    bool dominated = false;
    for (int smaller = 1; smaller < variant && !dominated; ++smaller) {
      dominated = (fitting & (1u << smaller)) != 0 && offloads_at_least(offload, offload_variant(smaller));
    }
    if (dominated) continue;
    ParallelPlan offloaded = plan;
    offloaded.offload = offload;
    const MemoryBreakdown memory =
        estimate_memory(model_, offloaded, MemoryInputs{job_.seq_len, micro_batches, options_.flash_attention});
    if (!fits(memory)) continue;
    fitting |= 1u << variant;
    PlanScore s = timed(offloaded, memory);
    s.offload_variant = variant;
    // A scored variant beats any rejection; among scored ones the lower objective (the earlier variant on a tie).
    const bool better = best.verdict != PlanVerdict::scored
                            ? s.verdict == PlanVerdict::scored || best.verdict == PlanVerdict::does_not_fit
                            : s.verdict == PlanVerdict::scored && s.objective < best.objective;
    if (better) best = s;
  }
  return best;
}

void PlanEvaluator::set_offload_search(bool on) {
  offload_variants_ = 0;
  if (!on || cluster_.node.host_link_bandwidth_per_gpu_bytes_per_s <= 0) return;
  const bool cpu_optimizer = cluster_.node.host_memory_bandwidth_per_gpu_bytes_per_s > 0;
  for (int variant = 1; variant < kOffloadVariantCount; ++variant) {
    if (offload_variant(variant).optimizer > 0 && !cpu_optimizer) continue;
    offload_variants_ |= 1u << variant;
  }
}

TrainingEstimate PlanEvaluator::estimate(const ParallelPlan& plan) {
  job_.plan = plan;
  TrainingOptions options = options_;
  options.record_stage_times = true;
  return estimate_training_step(model_, cluster_, job_, kernels_, collectives_, options);
}

void PlanEvaluator::set_training_options(const TrainingOptions& options) {
  options_ = options;
  options_.record_stage_times = false;
  cache_.clear();
}

}  // namespace stargate
