#include "report_pages.h"

#include "search_command.h"
#include "stargate/jobs/search_job.h"
#include "stargate/jobs/train_job.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/report/search_html.h"
#include "stargate/report/serving_html.h"
#include "stargate/report/training_html.h"
#include "stargate/search/gpu_count_front.h"

namespace stargate::cli {
namespace {

// Quantiles per latency CDF on the serving page.
constexpr int kCdfQuantiles = 101;

Result<std::string> training_page(Scenario& s) {
  Result<TrainJobResult> ran = run_train_job(s);
  if (!ran.ok()) return ran.error();
  s.training = ran.value().job;  // the plan as completed, for the page
  return training_html_report(s, ran.value().estimate, ran.value().totals, &ran.value().confidence);
}

// The search of `stargate search` in one process (exhaustive, no constraints), the scenario plan's rank, and the
// best plan at each GPU count of the front.
Result<std::string> search_page(const Scenario& s, const ReportOptions& options) {
  const TrainingSearchRequest request{.objective = objective_from(options.objective), .top = options.top};
  Result<TrainingSearchOutcome> searched = run_training_search(s, request);
  if (!searched.ok()) return searched.error();
  const TrainingSearchOutcome& o = searched.value();
  const ReferencePlan reference{.score = o.reference_score, .rank = o.reference_rank};
  SearchOptions search;
  search.objective = request.objective;
  search.top_k = request.top;
  const std::vector<GpuCountBest> front =
      best_plan_by_gpu_count(s.model, s.cluster, *s.training, search, front_gpu_counts(s.cluster));
  return search_html_report(s, o.result, reference, options.objective, front);
}

Result<std::string> serving_page(const Scenario& s, const ReportOptions& options) {
  SimulationOptions simulation;
  simulation.latency_quantiles = kCdfQuantiles;
  Result<ServingResult> result = simulate_serving(s.model, s.cluster, *s.serving, simulation);
  if (!result.ok()) {
    Error e = result.error();
    if (e.location.file.empty()) e.location.file = s.file;
    return e;
  }
  if (result.value().completed == 0) {
    return Error{ErrorKind::invalid_input, "no request completed: run `stargate serve` for the reason",
                 "serving.workload", {s.file, 0, 0}};
  }
  DeploymentSearchOptions search;
  if (options.probe_requests > 0) search.probe_requests = options.probe_requests;
  Result<DeploymentFront> front = deployment_front(s.model, s.cluster, *s.serving, search);
  if (!front.ok()) return serving_html_report(s, result.value(), std::nullopt, front.error().message);
  return serving_html_report(s, result.value(), front.value());
}

}  // namespace

Result<std::string> cluster_scenario_page(const std::string& path, const ReportOptions& options) {
  Result<Scenario> loaded = load_scenario_file(path);
  if (!loaded.ok()) return loaded.error();
  Scenario& s = loaded.value();
  if (s.training) return options.search ? search_page(s, options) : training_page(s);
  if (s.serving) return serving_page(s, options);
  return Error{ErrorKind::invalid_input, "the scenario has neither a training: nor a serving: section",
               "training", {s.file, 0, 0}};
}

}  // namespace stargate::cli
