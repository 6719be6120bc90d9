#include "scenario_training.h"

#include "fitting_plans.h"
#include "stargate/net/cluster_collectives.h"

namespace stargate::cli {
namespace {

// Completes the scenario's `auto` plan fields in place (the plan search restricted to them); an error when no
// completion fits.
Result<PlanCompletion> complete_scenario_plan(Scenario& s, const KernelCostModel& kernels,
                                              const CollectiveModel& collectives) {
  PlanCompletion completion = complete_plan(s.model, s.cluster, *s.training, kernels, collectives);
  if (!completion.found) {
    return Error{ErrorKind::invalid_input,
                 "no completion of the plan's auto fields passes the plan checks and fits in memory (" +
                     std::to_string(completion.candidates) + " tried)",
                 "training.plan", {s.file, 0, 0}};
  }
  s.training->plan = completion.plan;
  s.training->open_fields = PlanFieldSet{};
  return completion;
}

}  // namespace

Result<ScenarioTraining> estimate_scenario_training(Scenario& s) {
  if (!s.training) {
    return Error{ErrorKind::invalid_input, "the scenario has no training: section", "training", {s.file, 0, 0}};
  }
  const KernelCostModel kernels = KernelCostModel::for_device(s.cluster.accelerator);
  const auto collectives = make_cluster_collectives(s.cluster);
  ScenarioTraining out;
  if (!s.training->open_fields.empty()) {
    Result<PlanCompletion> completed = complete_scenario_plan(s, kernels, *collectives);
    if (!completed.ok()) return completed.error();
    out.completion = completed.value();
  }
  out.estimate = estimate_training_step(s.model, s.cluster, *s.training, kernels, *collectives);
  if (!out.estimate.fits) return plan_does_not_fit_error(s, out.estimate);
  out.run = training_run_totals(out.estimate, s.cluster, s.training->tokens_total);
  return out;
}

}  // namespace stargate::cli
