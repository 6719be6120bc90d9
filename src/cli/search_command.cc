#include "search_command.h"
#include "stargate/core/units.h"

#include <iostream>

#include "exit_codes.h"
#include "output_figures.h"
#include "option_checks.h"
#include "mpi_context.h"
#include "progress_bar.h"
#include "search_wire.h"
#include "serving_search_cli.h"
#include "stargate/jobs/search_job.h"
#include "stargate/report/search_report.h"
#include "stargate/scenario/scenario.h"
#include "stargate/search/local_search_strategy.h"

namespace stargate::cli {
namespace {

struct SearchArgs {
  std::string scenario;
  std::string objective = "step-time";
  size_t top = 10;
  int threads = 0;
  size_t random = 0;
  size_t heuristic = 0;
  uint64_t seed = 1;
  bool json = false;
  std::vector<std::string> accelerators;
  double max_step_seconds = 0;
  double min_mfu = 0;
  double max_memory_gib = 0;
};

int run_search(const SearchArgs& args) {
  MpiContext mpi;  // a no-op unless launched by mpirun
  if (Status known = check_accelerator_ids(args.accelerators); !known.ok()) {
    return mpi.rank() == 0 ? report_error(known.error()) : kExitBadInput;
  }
  Result<Scenario> loaded = load_scenario_file(args.scenario);
  if (!loaded.ok()) return mpi.rank() == 0 ? report_error(loaded.error()) : kExitBadInput;
  const Scenario& s = loaded.value();
  if (!s.training && s.serving) {
    // A serving scenario: search deployments (accelerator, TP/PP, batch limits, prefill/decode split).
    if (mpi.distributed() && mpi.rank() != 0) return kExitOk;
    return run_serving_search_cli(args.scenario, args.accelerators, args.top, args.json);
  }
  if (Status has = check_has_training(s); !has.ok()) return mpi.rank() == 0 ? report_error(has.error()) : kExitBadInput;
  TrainingSearchRequest request{.objective = *search_objective_named(args.objective),
                                .top = args.top,
                                .threads = args.threads,
                                .constraints = {args.max_step_seconds, args.min_mfu, args.max_memory_gib * kBytesPerGiB}};
  TrainingSearchSetup setup(s, request.objective);
  ProgressBar bar("plans", !args.json && mpi.rank() == 0 && stderr_is_terminal());
  request.progress = [&](size_t done, size_t total) { bar.update(done * mpi.size(), total); };
  const std::vector<ParallelPlan>& candidates = setup.candidates();
  std::unique_ptr<SearchStrategy> strategy;
  if (args.heuristic > 0) {
    if (mpi.distributed()) {
      return mpi.rank() == 0 ? report_error(Error{ErrorKind::invalid_input,
                                                  "--heuristic runs in one process; drop mpirun or search exhaustively",
                                                  "", {}})
                             : kExitBadInput;
    }
    strategy = std::make_unique<LocalSearchStrategy>(candidates, args.heuristic, std::max<size_t>(64, args.heuristic / 20),
                                                     16, args.seed);
  } else if (args.random > 0) {
    strategy = std::make_unique<RandomStrategy>(candidates.size(), args.random, args.seed, mpi.rank(), mpi.size());
  } else {
    strategy = std::make_unique<ExhaustiveStrategy>(candidates.size(), mpi.rank(), mpi.size());
  }
  SearchResult result = search_training_plans(setup.problem(), *strategy, setup.options(request));
  bar.finish();
  if (mpi.distributed()) {
    const std::vector<double> all = mpi.gather(pack_search_result(result));
    if (mpi.rank() != 0) return kExitOk;
    result = merge_search_results(unpack_search_results(all, candidates), args.top);
  }
  Result<TrainingSearchOutcome> outcome = setup.finish(std::move(result), request.constraints);
  if (!outcome.ok()) return report_error(outcome.error());
  const TrainingSearchOutcome& o = outcome.value();
  const ReferencePlan reference{.score = o.reference_score, .rank = o.reference_rank};
  const std::string json = search_to_json(s, o.result, reference, args.objective, o.best_estimates);
  if (Status figures = check_output_figures(json); !figures.ok()) return report_error(figures.error());
  if (args.json) {
    std::cout << json;
  } else {
    std::cout << search_to_text(s, o.result, reference, args.objective);
    if (mpi.distributed()) std::cout << "(searched by " << mpi.size() << " MPI ranks)\n";
  }
  return kExitOk;
}

}  // namespace

SearchObjective objective_from(const std::string& name) {
  if (name == "cost") return SearchObjective::cost;  // USD per step at the cost model's $/GPU-hour
  if (name == "energy") return SearchObjective::energy;
  return SearchObjective::step_time;
}

void add_search_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "search", "Search the best training plans (training: scenarios; mpirun -n N to distribute) or the cheapest "
                "serving deployment meeting the SLOs (serving: scenarios)");
  cmd->add_option("SCENARIO", args->scenario, "Scenario YAML with cluster, model and training (batch, plan)")->required();
  cmd->add_option("--objective", args->objective,
                  "What to optimise: step-time (= highest MFU, tokens/s), mfu (same ranking), cost (per run), energy")
      ->check(CLI::IsMember({"step-time", "mfu", "cost", "energy"}));
  cmd->add_option("--max-step-seconds", args->max_step_seconds, "Constraint: rank only plans at most this slow")
      ->check(finite_number_in(0, 1e9, /*min_exclusive=*/true));
  cmd->add_option("--min-mfu", args->min_mfu, "Constraint: rank only plans with at least this MFU (0..1)")
      ->check(finite_number_in(0, 1));
  cmd->add_option("--max-memory-gib", args->max_memory_gib, "Constraint: rank only plans using at most this HBM per GPU")
      ->check(finite_number_in(0, 1e6, /*min_exclusive=*/true));
  cmd->add_option("--top", args->top, "How many plans to list")->check(whole_number_in(1, 1000));
  cmd->add_option("--threads", args->threads, "Worker threads per process (0: all cores)")->check(whole_number_in(0, 1024));
  cmd->add_option("--random", args->random, "Sample this many plans at random instead of searching exhaustively")
      ->check(whole_number_in(1, 1'000'000'000));
  cmd->add_option("--heuristic", args->heuristic,
                  "Local search from a random sample, evaluating at most this many plans (for huge spaces)")
      ->check(whole_number_in(1, 1'000'000'000));
  cmd->add_option("--seed", args->seed, "Seed of --random and --heuristic")->check(whole_number_in(0, INT64_MAX));
  cmd->add_flag("--json", args->json, "Print JSON with each winner's breakdown (no progress bar)");
  add_accelerators_option(*cmd, args->accelerators,
                          "Serving scenarios: accelerators to consider (default: every one with a node preset)");
  cmd->callback([args, &exit_code] { exit_code = run_search(*args); });
}

}  // namespace stargate::cli
