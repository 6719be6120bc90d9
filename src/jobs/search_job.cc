#include "stargate/jobs/search_job.h"

#include "stargate/jobs/fitting_plans.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/search/training_space.h"

namespace stargate {
namespace {

std::vector<ParallelPlan> scenario_candidates(const Scenario& s) {
  const TrainingJob& job = *s.training;
  TrainingSpace space = default_training_space(s.model, s.cluster, job.seq_len);
  take_unsearched_fields(space, job.plan);  // the software's recipe and overlap settings, not search dimensions
  return enumerate_plans(space, s.model, s.cluster.gpus, job.global_batch_sequences, job.seq_len);
}

}  // namespace

std::optional<SearchObjective> search_objective_named(std::string_view name) {
  if (name == "step-time" || name == "mfu") return SearchObjective::step_time;
  if (name == "cost") return SearchObjective::cost;  // USD per step at the cost model's $/GPU-hour
  if (name == "energy") return SearchObjective::energy;
  return std::nullopt;
}

Status check_has_training(const Scenario& s) {
  if (s.training) return Status::success();
  return Error{ErrorKind::invalid_input, "the scenario has no training: section", "training", {s.file, 0, 0}};
}

TrainingSearchSetup::TrainingSearchSetup(const Scenario& s, SearchObjective objective)
    : scenario_(s),
      candidates_(scenario_candidates(s)),
      kernels_(KernelCostModel::for_device(s.cluster.accelerator)),
      collectives_(make_cluster_collectives(s.cluster)),
      evaluator_(s.model, s.cluster, s.training->seq_len, s.training->global_batch_sequences, kernels_,
                 *collectives_, objective) {
  // The scenario's software settings; its own plan is scored as written (no offload added to make it fit).
  evaluator_.set_training_options(TrainingOptions{.flash_attention = s.training->flash_attention,
                                                  .moe_grouped_gemm = s.training->moe_grouped_gemm});
  reference_score_ = evaluator_.score(s.training->plan);
}

SearchProblem TrainingSearchSetup::problem() const {
  const TrainingJob& job = *scenario_.training;
  return SearchProblem{scenario_.model, scenario_.cluster, job.seq_len, job.global_batch_sequences, candidates_};
}

SearchOptions TrainingSearchSetup::options(const TrainingSearchRequest& request) const {
  SearchOptions options;
  options.objective = request.objective;
  options.top_k = request.top;
  options.threads = request.threads;
  options.constraints = request.constraints;
  options.flash_attention = scenario_.training->flash_attention;
  options.moe_grouped_gemm = scenario_.training->moe_grouped_gemm;
  if (reference_score_.verdict == PlanVerdict::scored) options.reference_objective = reference_score_.objective;
  options.progress = request.progress;
  return options;
}

Result<TrainingSearchOutcome> TrainingSearchSetup::finish(SearchResult result, const SearchConstraints& constraints) {
  if (result.best.empty()) {
    // Nothing passed: say why, and which bound to relax (the same space searched without the constraints).
    const std::vector<RankedPlan> unconstrained = fastest_fitting_plans(scenario_, 1);
    return nothing_passes_error(scenario_, result.stats, constraints, unconstrained);
  }
  TrainingSearchOutcome outcome{.result = std::move(result), .reference_score = reference_score_};
  if (reference_score_.verdict == PlanVerdict::scored) {
    outcome.reference_rank = outcome.result.stats.better_than_reference + 1;
  }
  for (const RankedPlan& p : outcome.result.best) outcome.best_estimates.push_back(evaluator_.estimate(p.plan));
  return outcome;
}

Result<TrainingSearchOutcome> run_training_search(const Scenario& scenario, const TrainingSearchRequest& request) {
  if (Status has = check_has_training(scenario); !has.ok()) return has.error();
  TrainingSearchSetup setup(scenario, request.objective);
  ExhaustiveStrategy strategy(setup.candidates().size(), 0, 1);
  SearchResult result = search_training_plans(setup.problem(), strategy, setup.options(request));
  return setup.finish(std::move(result), request.constraints);
}

}  // namespace stargate
