#include "stargate/search/plan_completion.h"

#include <algorithm>

#include "stargate/mapping/fp8_recipe.h"
#include "stargate/search/plan_evaluator.h"

namespace stargate {
namespace {

// The values to try for one field: `wide`'s plus the seed when the field is open, else the seed alone.
template <typename T>
std::vector<T> field_values(const std::vector<T>& wide, const T& seed, bool open) {
  if (!open) return {seed};
  std::vector<T> values = wide;
  if (std::find(values.begin(), values.end(), seed) == values.end()) values.push_back(seed);
  return values;
}

// Closed fields that enumerate_plans prunes by value (sequence parallelism and TP overlap without TP, ZeRO
// without a DP group) are enumerated at a neutral value and then set to the written one, so that a written
// combination the enumerator would skip (sp: false with tp: 1) is still kept.
void restore_closed_fields(ParallelPlan& plan, const ParallelPlan& fixed, PlanFieldSet open) {
  if (!open.has(PlanField::sequence_parallel)) plan.sequence_parallel = fixed.sequence_parallel;
  if (!open.has(PlanField::tp_comm_overlap)) plan.tp_comm_overlap = fixed.tp_comm_overlap;
  if (!open.has(PlanField::zero)) plan.zero_stage = fixed.zero_stage;
  // An open offload starts from none: the evaluator offloads only a completion that does not fit otherwise.
  plan.offload = open.has(PlanField::offload) ? HostOffload{} : fixed.offload;
  plan.dp_overlap = fixed.dp_overlap;
  plan.dp_param_gather_overlap = fixed.dp_param_gather_overlap;
  plan.dp_bucket_params = fixed.dp_bucket_params;
  plan.zero3_gather = fixed.zero3_gather;
  plan.pp_scatter_gather = fixed.pp_scatter_gather;
  plan.ep_comm_overlap = fixed.ep_comm_overlap;
  plan.expert_tp = fixed.expert_tp;
  plan.moe_dispatcher = fixed.moe_dispatcher;
  plan.expert_imbalance = fixed.expert_imbalance;
  plan.expert_capacity_factor = fixed.expert_capacity_factor;
}

std::vector<ParallelPlan> completions_of(const TrainingSpace& space, const ModelSpec& model, const Cluster& cluster,
                                         const TrainingJob& job) {
  std::vector<Fp8Recipe> recipes{job.plan.fp8_recipe};
  if (job.open_fields.has(PlanField::fp8_recipe)) {
    // Every recipe the device runs at the space's low precisions (the fp8 recipes; nvfp4 where fp4 is tried).
    std::vector<Fp8Recipe> wide;
    for (Dtype precision : space.precision) {
      for (Fp8Recipe recipe : fp8_recipes_for(precision, cluster.accelerator)) wide.push_back(recipe);
    }
    if (!wide.empty()) recipes = field_values(wide, job.plan.fp8_recipe, true);
  }
  std::vector<ParallelPlan> out;
  for (Fp8Recipe recipe : recipes) {
    TrainingSpace s = space;
    s.fp8_recipe = recipe;
    for (ParallelPlan& plan : enumerate_plans(s, model, cluster.gpus, job.global_batch_sequences, job.seq_len)) {
      if (!job.open_fields.has(PlanField::dp) && plan.dp != job.plan.dp) continue;
      const bool low_precision = plan.precision == Dtype::fp8 || plan.precision == Dtype::fp4;
      if (recipe != recipes.front() && !low_precision) continue;  // the recipe is moot in bf16
      if (recipes.size() > 1 && low_precision && fp8_recipe_costs(recipe).gemm_dtype != plan.precision) continue;
      restore_closed_fields(plan, job.plan, job.open_fields);
      out.push_back(plan);
    }
  }
  return out;
}

}  // namespace

TrainingSpace restricted_training_space(const TrainingSpace& wide, const ParallelPlan& fixed, PlanFieldSet open) {
  TrainingSpace s;
  s.tp = field_values(wide.tp, fixed.tp, open.has(PlanField::tp));
  s.cp = field_values(wide.cp, fixed.cp, open.has(PlanField::cp));
  s.pp = field_values(wide.pp, fixed.pp, open.has(PlanField::pp));
  s.vpp = field_values(wide.vpp, fixed.vpp, open.has(PlanField::vpp));
  s.ep = field_values(wide.ep, fixed.ep, open.has(PlanField::ep));
  s.micro_batch = field_values(wide.micro_batch, fixed.micro_batch, open.has(PlanField::micro_batch));
  s.zero = open.has(PlanField::zero) ? field_values(wide.zero, fixed.zero_stage, true) : std::vector<int>{0};
  s.recompute = field_values(wide.recompute, fixed.recompute, open.has(PlanField::recompute));
  s.precision = field_values(wide.precision, fixed.precision, open.has(PlanField::precision));
  s.sequence_parallel = open.has(PlanField::sequence_parallel) ? std::vector<bool>{true, false} : std::vector<bool>{true};
  s.tp_comm_overlap = open.has(PlanField::tp_comm_overlap) ? wide.tp_comm_overlap
                                                           : std::vector<TpCommOverlap>{TpCommOverlap::none};
  s.fp8_recipe = fixed.fp8_recipe;
  return s;
}

PlanCompletion complete_plan(const ModelSpec& model, const Cluster& cluster, const TrainingJob& job,
                             const KernelCostModel& kernels, const CollectiveModel& collectives,
                             const TrainingOptions& options, CompletionChoice choice) {
  PlanCompletion result{.plan = job.plan, .open_fields = job.open_fields};
  const TrainingSpace space = restricted_training_space(default_training_space(model, cluster, job.seq_len),
                                                        job.plan, job.open_fields);
  PlanEvaluator evaluator(model, cluster, job.seq_len, job.global_batch_sequences, kernels, collectives,
                          SearchObjective::step_time);
  evaluator.set_training_options(options);
  evaluator.set_offload_search(job.open_fields.has(PlanField::offload));
  for (const ParallelPlan& plan : completions_of(space, model, cluster, job)) {
    ++result.candidates;
    const PlanScore score = evaluator.score(plan);
    if (score.verdict != PlanVerdict::scored) continue;
    if (!result.found || score.step_seconds < result.step_seconds_min) {
      result.plan = plan;
      if (score.offload_variant != 0) result.plan.offload = offload_variant(score.offload_variant);
    }
    result.step_seconds_min = result.found ? std::min(result.step_seconds_min, score.step_seconds) : score.step_seconds;
    result.step_seconds_max = result.found ? std::max(result.step_seconds_max, score.step_seconds) : score.step_seconds;
    result.found = true;
    ++result.completions;
  }
  if (choice == CompletionChoice::seed_when_fits) {
    const PlanScore seed = evaluator.score(job.plan);
    if (seed.verdict == PlanVerdict::scored) {
      if (!result.found) result.step_seconds_min = result.step_seconds_max = seed.step_seconds;
      result.plan = job.plan;
      result.seed_kept = result.found = true;
    }
  }
  return result;
}

}  // namespace stargate
