#include "plan_command.h"

#include <iostream>

#include "exit_codes.h"
#include "output_figures.h"
#include "output_file.h"
#include "progress_bar.h"
#include "stargate/core/input_error.h"
#include "core/yaml_map.h"
#include "stargate/report/fleet_report.h"

namespace stargate::cli {

void add_plan_inputs(CLI::App& cmd, PlanInputs& inputs) {
  cmd.add_option("SCENARIO", inputs.scenario, "Fleet scenario YAML (fleet: section); default: built-in Stargate");
  cmd.add_option("--vary", inputs.varies,
                 "Sensitivity: FIELD=LOW..HIGH below fleet:, e.g. finance.cost_of_capital=0.08..0.15 or "
                 "sites.*.pue=1.1..1.4 (repeatable)");
}

Result<FleetPlan> load_fleet_plan(const PlanInputs& inputs, const ProgressCallback& progress) {
  return capture_errors([&]() -> FleetPlan {
    std::string text, file;
    if (inputs.scenario.empty()) {
      text = std::string(default_fleet_scenario_text());
      file = "<built-in>/data/scenarios/stargate.yaml";
    } else {
      text = read_text_file(inputs.scenario);
      file = inputs.scenario;
    }
    Result<FleetScenario> scenario = parse_fleet_scenario(text, file);
    if (!scenario.ok()) throw InputError(scenario.error());
    FleetPlan plan = make_fleet_plan(std::move(scenario.value()));
    if (!inputs.varies.empty()) {
      std::vector<VaryRequest> varies;
      for (const std::string& v : inputs.varies) {
        Result<VaryRequest> parsed = parse_vary(v);
        if (!parsed.ok()) throw InputError(parsed.error());
        varies.push_back(parsed.value());
      }
      Result<Tornado> tornado = run_sensitivity(text, file, varies, progress);
      if (!tornado.ok()) throw InputError(tornado.error());
      plan.tornado = std::move(tornado.value());
    }
    return plan;
  });
}

namespace {

struct PlanArgs {
  PlanInputs inputs;
  bool json = false;
  std::string csv;
};

int run_plan(const PlanArgs& args) {
  ProgressBar bar("fleet runs", !args.json && stderr_is_terminal(), kProgressShowAfter);
  Result<FleetPlan> plan = load_fleet_plan(args.inputs, [&bar](size_t done, size_t total) { bar.update(done, total); });
  bar.finish();
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
