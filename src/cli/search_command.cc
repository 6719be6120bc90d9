#include "stargate/net/cluster_collectives.h"
#include "search_command.h"

#include <fmt/core.h>

#include <iostream>

#include "exit_codes.h"
#include "progress_bar.h"
#include <nlohmann/json.hpp>

#include "stargate/core/units.h"
#include "stargate/scenario/scenario.h"
#include "stargate/search/training_search.h"
#include "stargate/search/training_space.h"

namespace stargate::cli {
namespace {

struct SearchArgs {
  std::string scenario;
  std::string objective = "step-time";
  size_t top = 10;
  int threads = 0;
  size_t random = 0;
  uint64_t seed = 1;
  bool json = false;
};

nlohmann::json plan_json(const ParallelPlan& p) {
  return {{"tp", p.tp}, {"pp", p.pp}, {"dp", p.dp}, {"cp", p.cp}, {"ep", p.ep}, {"vpp", p.vpp},
          {"micro_batch", p.micro_batch}, {"zero", p.zero_stage}, {"recompute", recompute_name(p.recompute)},
          {"precision", dtype_name(p.precision)}, {"sequence_parallel", p.sequence_parallel},
          {"tp_comm_overlap", p.tp_comm_overlap}};
}

std::string plan_text(const ParallelPlan& p) {
  return fmt::format("tp{} pp{} dp{} cp{} ep{} vpp{} mb{} zero{} {} {}{}{}", p.tp, p.pp, p.dp, p.cp, p.ep, p.vpp,
                     p.micro_batch, p.zero_stage, recompute_name(p.recompute), dtype_name(p.precision),
                     p.sequence_parallel && p.tp > 1 ? " sp" : "", p.tp_comm_overlap ? " tp-overlap" : "");
}

int run_search(const SearchArgs& args) {
  Result<Scenario> loaded = load_scenario_file(args.scenario);
  if (!loaded.ok()) return report_error(loaded.error());
  const Scenario& s = loaded.value();
  if (!s.training) return report_error(Error{ErrorKind::invalid_input, "the scenario has no training: section", "training", {s.file, 0, 0}});
  SearchOptions options;
  options.objective = args.objective == "cost" ? SearchObjective::cost
                      : args.objective == "energy" ? SearchObjective::energy
                                                   : SearchObjective::step_time;
  options.top_k = args.top;
  options.threads = args.threads;
  options.keep_all_scores = true;
  const std::vector<ParallelPlan> candidates =
      enumerate_plans(default_training_space(s.model, s.cluster, s.training->seq_len), s.model, s.cluster.gpus,
                      s.training->global_batch_sequences, s.training->seq_len);
  ProgressBar bar("plans", !args.json && stderr_is_terminal());
  options.progress = [&](size_t done, size_t total) { bar.update(done, total); };
  const SearchProblem problem{s.model, s.cluster, s.training->seq_len, s.training->global_batch_sequences, candidates};
  std::unique_ptr<SearchStrategy> strategy;
  if (args.random > 0) {
    strategy = std::make_unique<RandomStrategy>(candidates.size(), args.random, args.seed);
  } else {
    strategy = std::make_unique<ExhaustiveStrategy>(candidates.size());
  }
  const SearchResult result = search_training_plans(problem, *strategy, options);
  bar.finish();

  // Where the scenario's own plan ranks.
  const KernelCostModel kernels = KernelCostModel::for_device(s.cluster.accelerator);
  const auto net = make_cluster_collectives(s.cluster);
  PlanEvaluator evaluator(s.model, s.cluster, s.training->seq_len, s.training->global_batch_sequences, kernels, *net,
                          options.objective);
  const PlanScore given = evaluator.score(s.training->plan);
  const size_t given_rank = given.verdict == PlanVerdict::scored ? rank_of(result, given.objective) : 0;
  const double rate = result.stats.wall_seconds > 0 ? result.stats.evaluated / result.stats.wall_seconds : 0;

  if (args.json) {
    nlohmann::json best = nlohmann::json::array();
    for (const RankedPlan& r : result.best) {
      best.push_back({{"plan", plan_json(r.plan)}, {"step_seconds", r.score.step_seconds}, {"mfu", r.score.mfu},
                      {"memory_bytes", r.score.memory_bytes}, {"objective", r.score.objective}, {"index", r.index}});
    }
    nlohmann::json out = {{"scenario", s.file}, {"objective", args.objective}, {"best", best},
                          {"stats", {{"candidates", result.stats.candidates}, {"evaluated", result.stats.evaluated},
                                     {"invalid", result.stats.invalid}, {"does_not_fit", result.stats.does_not_fit},
                                     {"scored", result.stats.scored}, {"wall_seconds", result.stats.wall_seconds},
                                     {"plans_per_second", rate}}},
                          {"scenario_plan", {{"plan", plan_json(s.training->plan)}, {"rank", given_rank},
                                             {"step_seconds", given.step_seconds}, {"mfu", given.mfu},
                                             {"fits", given.verdict == PlanVerdict::scored}}}};
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << fmt::format("{} on {} × {}: {} candidate plans, {} evaluated in {:.2f} s ({:.0f} plans/s)\n",
                           s.model.name, s.cluster.gpus, s.cluster.accelerator.id, result.stats.candidates,
                           result.stats.evaluated, result.stats.wall_seconds, rate);
  std::cout << fmt::format("  {} invalid, {} do not fit in {}, {} scored\n\n", result.stats.invalid,
                           result.stats.does_not_fit, format_quantity(s.cluster.accelerator.hbm_capacity_bytes, Dimension::bytes),
                           result.stats.scored);
  std::cout << fmt::format("{:>4}  {:>10}  {:>6}  {:>10}  {}\n", "rank", "step", "MFU", "memory", "plan");
  for (size_t i = 0; i < result.best.size(); ++i) {
    const RankedPlan& r = result.best[i];
    std::cout << fmt::format("{:>4}  {:>10}  {:>5.1f}%  {:>10}  {}\n", i + 1, format_quantity(r.score.step_seconds, Dimension::time),
                             100 * r.score.mfu, format_quantity(r.score.memory_bytes, Dimension::bytes), plan_text(r.plan));
  }
  std::cout << "\nscenario plan: " << plan_text(s.training->plan) << "\n  ";
  if (given.verdict == PlanVerdict::scored) {
    std::cout << fmt::format("rank {} of {}, step {}, MFU {:.1f}%\n", given_rank, result.stats.scored,
                             format_quantity(given.step_seconds, Dimension::time), 100 * given.mfu);
  } else {
    std::cout << (given.verdict == PlanVerdict::does_not_fit ? "does not fit in HBM by this model\n" : "invalid\n");
  }
  return kExitOk;
}

}  // namespace

void add_search_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* cmd = app.add_subcommand("search", "Search the best training plans for a scenario's model and cluster");
  cmd->add_option("SCENARIO", args->scenario, "Scenario YAML with cluster, model and training (batch, plan)")->required();
  cmd->add_option("--objective", args->objective, "What to minimise")
      ->check(CLI::IsMember({"step-time", "cost", "energy"}));
  cmd->add_option("--top", args->top, "How many plans to list")->check(CLI::Range(1, 1000));
  cmd->add_option("--threads", args->threads, "Worker threads (0: all cores)")->check(CLI::Range(0, 1024));
  cmd->add_option("--random", args->random, "Sample this many plans at random instead of searching exhaustively");
  cmd->add_option("--seed", args->seed, "Seed of --random");
  cmd->add_flag("--json", args->json, "Print JSON (no progress bar)");
  cmd->callback([args, &exit_code] { exit_code = run_search(*args); });
}

}  // namespace stargate::cli
