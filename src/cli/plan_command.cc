#include "plan_command.h"

#include <iostream>

#include "exit_codes.h"
#include "monte_carlo_run.h"
#include "mpi_context.h"
#include "output_figures.h"
#include "output_file.h"
#include "plan_compare_hindcast.h"
#include "progress_bar.h"
#include "stargate/core/input_error.h"
#include "core/yaml_map.h"
#include "stargate/jobs/fleet_job.h"
#include "stargate/report/fleet_report.h"

namespace stargate::cli {

void add_plan_inputs(CLI::App& cmd, PlanInputs& inputs) {
  cmd.add_option("SCENARIO", inputs.scenario, "Fleet scenario YAML (fleet: section); default: built-in Stargate");
  cmd.add_option("--vary", inputs.varies,
                 "Sensitivity: FIELD=LOW..HIGH below fleet:, e.g. finance.cost_of_capital=0.08..0.15 or "
                 "sites.*.pue=1.1..1.4 (repeatable)");
  add_monte_carlo_options(cmd, inputs);
}

ScenarioSource read_scenario_source(const PlanInputs& inputs) {
  if (inputs.scenario.empty()) {
    return {std::string(default_fleet_scenario_text()), kBuiltinFleetScenarioFile};
  }
  return {read_text_file(inputs.scenario), inputs.scenario};
}

Result<FleetPlan> load_fleet_plan(const PlanInputs& inputs, const ProgressCallback& progress) {
  return run_fleet_file_job(inputs.scenario, inputs.varies, progress);
}

namespace {

struct PlanArgs {
  PlanInputs inputs;
  bool json = false;
  std::string csv;
  std::vector<std::string> compare;  // two scenario files
  std::string hindcast;              // milestones file
};

int run_plan(const PlanArgs& args) {
  const PlanOutputOptions output{.json = args.json, .csv = args.csv};
  if ((!args.compare.empty() || !args.hindcast.empty()) && args.inputs.monte_carlo_draws > 0) {
    return report_error({.message = "--monte-carlo draws one scenario's uncertainty: run it without --compare or --hindcast"});
  }
  if (!args.compare.empty()) {
    if (!args.inputs.scenario.empty() || !args.inputs.varies.empty()) {
      return report_error({.message = "--compare A B takes its two scenarios itself: no SCENARIO or --vary with it"});
    }
    return run_plan_compare(args.compare[0], args.compare[1], output);
  }
  if (!args.hindcast.empty()) return run_plan_hindcast(args.inputs, args.hindcast, output);
  MpiContext mpi;  // a no-op unless launched by mpirun: then the Monte Carlo draws are split over the ranks
  ProgressBar bar("fleet runs", !args.json && mpi.rank() == 0 && stderr_is_terminal(), kProgressShowAfter);
  Result<FleetPlan> plan = load_fleet_plan(args.inputs, [&bar](size_t done, size_t total) { bar.update(done, total); });
  bar.finish();
  if (!plan.ok()) return mpi.rank() == 0 ? report_error(plan.error()) : kExitBadInput;
  const bool progress = !args.json && mpi.rank() == 0 && stderr_is_terminal();
  if (Status mc = attach_monte_carlo(plan.value(), args.inputs, mpi, progress, 0); !mc.ok()) {
    return mpi.rank() == 0 ? report_error(mc.error()) : kExitBadInput;
  }
  if (mpi.rank() != 0) return kExitOk;
  const std::string json = fleet_to_json(plan.value());
  if (Status figures = check_output_figures(json); !figures.ok()) return report_error(figures.error());
  if (!args.csv.empty()) {
    Status written = write_file_atomically(args.csv, fleet_to_csv(plan.value()));
    if (!written.ok()) return report_error(written.error());
  }
  if (args.json) {
    std::cout << json;
  } else {
    std::cout << fleet_to_text(plan.value());
  }
  return kExitOk;
}

}  // namespace

void add_plan_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<PlanArgs>();
  CLI::App* cmd = app.add_subcommand(
      "plan", "Fleet build-out from dollars to tokens, quarter by quarter (default: the built-in Stargate scenario)");
  add_plan_inputs(*cmd, args->inputs);
  cmd->add_flag("--json", args->json, "Print JSON instead of a table");
  cmd->add_option("--csv", args->csv,
                  "Write the quarterly time series as CSV to this file (with --monte-carlo: the P10/P50/P90 series)");
  CLI::Option* compare = cmd->add_option("--compare", args->compare,
                                         "Compare two scenario files A B: input changes and per-quarter outputs")
                             ->expected(2);
  cmd->add_option("--hindcast", args->hindcast,
                  "Milestones YAML (e.g. data/fleet/milestones-2025.yaml): the scenario's error against each")
      ->excludes(compare);
  cmd->callback([args, &exit_code] { exit_code = run_plan(*args); });
}

}  // namespace stargate::cli
