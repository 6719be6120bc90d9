#include "plan_command.h"

#include <iostream>

#include "exit_codes.h"
#include "output_figures.h"
#include "output_file.h"
#include "stargate/jobs/fleet_job.h"
#include "stargate/report/fleet_report.h"

namespace stargate::cli {

void add_plan_inputs(CLI::App& cmd, PlanInputs& inputs) {
  cmd.add_option("SCENARIO", inputs.scenario, "Fleet scenario YAML (fleet: section); default: built-in Stargate");
  cmd.add_option("--vary", inputs.varies,
                 "Sensitivity: FIELD=LOW..HIGH below fleet:, e.g. finance.cost_of_capital=0.08..0.15 or "
                 "sites.*.pue=1.1..1.4 (repeatable)");
}

Result<FleetPlan> load_fleet_plan(const PlanInputs& inputs) { return run_fleet_file_job(inputs.scenario, inputs.varies); }

namespace {

struct PlanArgs {
  PlanInputs inputs;
  bool json = false;
  std::string csv;
};

int run_plan(const PlanArgs& args) {
  Result<FleetPlan> plan = load_fleet_plan(args.inputs);
  if (!plan.ok()) return report_error(plan.error());
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
  cmd->add_option("--csv", args->csv, "Write the quarterly time series as CSV to this file");
  cmd->callback([args, &exit_code] { exit_code = run_plan(*args); });
}

}  // namespace stargate::cli
