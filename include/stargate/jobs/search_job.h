#pragma once
// `stargate search` on a training scenario as data: the scenario's plan space (search/training_space.h), the
// evaluator with the cluster's cost models, the scenario's own plan scored for reference, and after the search
// the winners' full estimates, or the error saying why nothing passed. The command line drives the search
// itself (strategy, MPI ranks, progress bar) between setup and finish; run_training_search() is the exhaustive
// single-process search the Python package calls.
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "stargate/core/result.h"
#include "stargate/scenario/scenario.h"
#include "stargate/search/training_search.h"

namespace stargate {

// The objective names the command line and the Python package accept: step-time, mfu (the same ranking), cost,
// energy; nullopt for any other.
std::optional<SearchObjective> search_objective_named(std::string_view name);

// The error for a scenario without a `training:` section (on its file, field `training`).
Status check_has_training(const Scenario& scenario);

struct TrainingSearchRequest {
  SearchObjective objective = SearchObjective::step_time;
  size_t top = 10;   // plans to keep
  int threads = 0;   // 0: all cores
  SearchConstraints constraints;
  std::function<void(size_t, size_t)> progress;  // (evaluated, total), from the driving thread
};

struct TrainingSearchOutcome {
  SearchResult result;                         // best first, with the counts
  PlanScore reference_score;                   // the scenario's own plan
  size_t reference_rank = 0;                   // its rank among the scored plans (1 = best); 0 when not scored
  std::vector<TrainingEstimate> best_estimates;  // best_estimates[i] is the full estimate of result.best[i]
};

class TrainingSearchSetup {
 public:
  // Contract: scenario.training is set (check_has_training) and `scenario` outlives the setup.
  TrainingSearchSetup(const Scenario& scenario, SearchObjective objective);

  const std::vector<ParallelPlan>& candidates() const { return candidates_; }
  SearchProblem problem() const;
  // The request as search options, with the scenario's plan as the reference to rank.
  SearchOptions options(const TrainingSearchRequest& request) const;
  // The winners' estimates and the reference's rank; the error naming the rejections and the constraint to relax
  // when nothing passed.
  Result<TrainingSearchOutcome> finish(SearchResult result, const SearchConstraints& constraints);

 private:
  const Scenario& scenario_;
  std::vector<ParallelPlan> candidates_;
  KernelCostModel kernels_;
  std::unique_ptr<CollectiveModel> collectives_;
  PlanEvaluator evaluator_;
  PlanScore reference_score_;
};

// The whole search in this process, every candidate evaluated (oneTBB on `request.threads`).
Result<TrainingSearchOutcome> run_training_search(const Scenario& scenario, const TrainingSearchRequest& request);

}  // namespace stargate
