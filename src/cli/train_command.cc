#include "train_command.h"

#include <iostream>

#include "exit_codes.h"
#include "output_figures.h"
#include "output_file.h"
#include "scenario_reliability.h"
#include "stargate/report/plan_completion_report.h"
#include "stargate/report/reliability_report.h"
#include "stargate/jobs/train_job.h"
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

int run_train(const TrainArgs& args) {
  Result<Scenario> loaded = load_scenario_file(args.scenario);
  if (!loaded.ok()) return report_error(loaded.error());
  Scenario& s = loaded.value();
  Result<TrainJobResult> ran = run_train_job(s);
  if (!ran.ok()) return report_error(ran.error());
  s.training = ran.value().job;  // the plan as completed, for the output
  const TrainingEstimate& e = ran.value().estimate;
  const TrainingRunTotals& run = ran.value().totals;
  const std::optional<PlanCompletion>& completion = ran.value().completion;
  std::optional<ReliabilityEstimate> reliability;
  if (args.reliability) reliability = scenario_reliability(s);
  const PredictionConfidence& confidence = ran.value().confidence;
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
