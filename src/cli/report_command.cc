#include "report_command.h"

#include <iostream>

#include "exit_codes.h"
#include "monte_carlo_run.h"
#include "mpi_context.h"
#include "option_checks.h"
#include "output_file.h"
#include "plan_command.h"
#include "progress_bar.h"
#include "report_pages.h"
#include "stargate/core/value_limits.h"
#include "stargate/report/html_report.h"
#include "stargate/scenario/scenario_kind.h"

namespace stargate::cli {
namespace {

struct ReportArgs {
  PlanInputs inputs;
  std::string output = "stargate.html";
  ReportOptions page;
};

// The page of any scenario kind: fleet (also without SCENARIO) or cluster (training or serving).
Result<std::string> report_page(const ReportArgs& args, const MpiContext& mpi) {
  ScenarioKind kind = ScenarioKind::fleet;
  if (!args.inputs.scenario.empty()) {
    Result<ScenarioKind> found = scenario_file_kind(args.inputs.scenario);
    if (!found.ok()) return found.error();
    kind = found.value();
  }
  if (kind == ScenarioKind::fleet) {
    Result<FleetPlan> plan = load_fleet_plan(args.inputs);
    if (!plan.ok()) return plan.error();
    // A scenario with distributions gets its fan charts (kReportDefaultDraws draws unless --monte-carlo N).
    const bool progress = mpi.rank() == 0 && stderr_is_terminal();
    if (Status mc = attach_monte_carlo(plan.value(), args.inputs, mpi, progress, kReportDefaultDraws); !mc.ok()) {
      return mc.error();
    }
    return fleet_html_report(plan.value());
  }
  if (!args.inputs.varies.empty() || args.inputs.monte_carlo_draws > 0) {
    return Error{ErrorKind::invalid_input, "--vary and --monte-carlo apply to fleet scenarios (a fleet: section) only", "",
                 {args.inputs.scenario, 0, 0}};
  }
  return cluster_scenario_page(args.inputs.scenario, args.page);
}

int run_report(const ReportArgs& args) {
  MpiContext mpi;  // under mpirun the Monte Carlo draws of a fleet page are split over the ranks
  Result<std::string> page = report_page(args, mpi);
  if (!page.ok()) return mpi.rank() == 0 ? report_error(page.error()) : kExitBadInput;
  if (mpi.rank() != 0) return kExitOk;
  Status written = write_file_atomically(args.output, page.value());
  if (!written.ok()) return report_error(written.error());
  std::cout << "wrote " << args.output << "\n";
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Write any scenario as one self-contained HTML file with charts: fleet plan (default: built-in "
                "Stargate), training estimate or plan search, serving latencies and deployment front");
  cmd->add_option("SCENARIO", args->inputs.scenario,
                  "Scenario YAML of any kind (fleet:, training: or serving:); default: the built-in fleet scenario");
  cmd->add_option("--vary", args->inputs.varies,
                  "Fleet scenarios: sensitivity FIELD=LOW..HIGH below fleet:, e.g. finance.cost_of_capital=0.08..0.15 "
                  "(repeatable)");
  add_monte_carlo_options(*cmd, args->inputs);
  cmd->add_option("-o,--output", args->output, "HTML file to write (default stargate.html)");
  cmd->add_flag("--search", args->page.search,
                "Training scenarios: the plan search page (top plans, step time and cost vs GPU count) instead of "
                "the estimate");
  cmd->add_option("--objective", args->page.objective, "With --search: step-time (= mfu), cost or energy")
      ->check(CLI::IsMember({"step-time", "mfu", "cost", "energy"}));
  cmd->add_option("--top", args->page.top, "With --search: how many plans to list (default 10)")
      ->check(whole_number_in(1, 1000));
  cmd->add_option("--probe-requests", args->page.probe_requests,
                  "Serving scenarios: requests simulated per SLO probe of the deployment front")
      ->check(whole_number_in(1, limits::materialized_requests.max));
  cmd->callback([args, &exit_code] { exit_code = run_report(*args); });
}

}  // namespace stargate::cli
