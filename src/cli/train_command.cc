#include "stargate/net/cluster_collectives.h"
#include "train_command.h"

#include <iostream>

#include "exit_codes.h"
#include "fitting_plans.h"
#include "output_figures.h"
#include "output_file.h"
#include "scenario_reliability.h"
#include "stargate/report/plan_completion_report.h"
#include "stargate/report/reliability_report.h"
#include "stargate/report/training_report.h"
#include "stargate/scenario/scenario.h"

namespace stargate::cli {
namespace {

struct TrainArgs {
  std::string scenario;
  bool json = false;
  std::string trace;
  bool reliability = false;
};

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

int run_train(const TrainArgs& args) {
  Result<Scenario> loaded = load_scenario_file(args.scenario);
  if (!loaded.ok()) return report_error(loaded.error());
  Scenario& s = loaded.value();
  if (!s.training) {
    return report_error(Error{ErrorKind::invalid_input, "the scenario has no training: section", "training", {s.file, 0, 0}});
  }
  const KernelCostModel kernels = KernelCostModel::for_device(s.cluster.accelerator);
  const auto collectives = make_cluster_collectives(s.cluster);
  std::optional<PlanCompletion> completion;
  if (!s.training->open_fields.empty()) {
    Result<PlanCompletion> completed = complete_scenario_plan(s, kernels, *collectives);
    if (!completed.ok()) return report_error(completed.error());
    completion = completed.value();
  }
  const TrainingEstimate e = estimate_training_step(s.model, s.cluster, *s.training, kernels, *collectives);
  if (!e.fits) return report_error(plan_does_not_fit_error(s, e));
  const TrainingRunTotals run = training_run_totals(e, s.cluster, s.training->tokens_total);
  std::optional<ReliabilityEstimate> reliability;
  if (args.reliability) reliability = scenario_reliability(s);
  const PredictionConfidence confidence =
      training_confidence(s.cluster.accelerator, s.training->plan.precision, s.model.moe.has_value());
  const std::string json =
      training_to_json(s, e, run, reliability, completion ? &*completion : nullptr, &confidence);
  if (Status figures = check_output_figures(json); !figures.ok()) return report_error(figures.error());
  if (!args.trace.empty()) {
    Status written = write_file_atomically(args.trace, training_trace(s, e));
    if (!written.ok()) return report_error(written.error());
  }
  if (args.json) {
    std::cout << json;
  } else {
    if (completion) std::cout << plan_completion_text(*completion);
    std::cout << training_to_text(s, e, run, &confidence);
    if (reliability) std::cout << "\n" << reliability_to_text(s, *reliability, run);
  }
  return kExitOk;
}

}  // namespace

void add_train_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TrainArgs>();
  CLI::App* cmd = app.add_subcommand("train", "Estimate a training run: step time, MFU, memory fit, time and cost");
  cmd->add_option("SCENARIO", args->scenario, "Scenario YAML file with cluster, model and training sections")
      ->required();
  cmd->add_flag("--json", args->json, "Print JSON instead of a table");
  cmd->add_flag("--reliability", args->reliability,
                "Add failures per day, the Young/Daly checkpoint interval and goodput at this cluster size");
  cmd->add_option("--trace", args->trace, "Write Chrome trace events of one iteration to this file");
  cmd->callback([args, &exit_code] { exit_code = run_train(*args); });
}

}  // namespace stargate::cli
