#include "stargate/jobs/train_job.h"

#include <string>

#include "stargate/jobs/fitting_plans.h"
#include "stargate/net/cluster_collectives.h"

namespace stargate {
namespace {

// The best completion of the job's `auto` plan fields (the plan search restricted to them); an error when none fits.
Result<PlanCompletion> complete_job_plan(const Scenario& s, const KernelCostModel& kernels,
                                         const CollectiveModel& collectives) {
  PlanCompletion completion = complete_plan(s.model, s.cluster, *s.training, kernels, collectives,
                                            TrainingOptions{.flash_attention = s.training->flash_attention,
                                                            .moe_grouped_gemm = s.training->moe_grouped_gemm});
  if (!completion.found) {
    return Error{ErrorKind::invalid_input,
                 "no completion of the plan's auto fields passes the plan checks and fits in memory (" +
                     std::to_string(completion.candidates) + " tried)",
                 "training.plan", {s.file, 0, 0}};
  }
  return completion;
}

}  // namespace

Result<TrainJobResult> run_train_job(const Scenario& s) {
  if (!s.training) {
    return Error{ErrorKind::invalid_input, "the scenario has no training: section", "training", {s.file, 0, 0}};
  }
  const KernelCostModel kernels = KernelCostModel::for_device(s.cluster.accelerator);
  const auto collectives = make_cluster_collectives(s.cluster);
  TrainJobResult result{.job = *s.training};
  if (!result.job.open_fields.empty()) {
    Result<PlanCompletion> completed = complete_job_plan(s, kernels, *collectives);
    if (!completed.ok()) return completed.error();
    result.completion = completed.value();
    result.job.plan = completed.value().plan;
    result.job.open_fields = PlanFieldSet{};
  }
  result.estimate = estimate_training_step(s.model, s.cluster, result.job, kernels, *collectives,
                                           TrainingOptions{.flash_attention = result.job.flash_attention,
                                                           .moe_grouped_gemm = result.job.moe_grouped_gemm});
  if (!result.estimate.fits) {
    Scenario completed = s;
    completed.training = result.job;
    return plan_does_not_fit_error(completed, result.estimate);
  }
  result.totals = training_run_totals(result.estimate, s.cluster, result.job.tokens_total);
  result.confidence = training_confidence(s.cluster.accelerator, result.job.plan.precision, s.model.moe.has_value());
  return result;
}

}  // namespace stargate
