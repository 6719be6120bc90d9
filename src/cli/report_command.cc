#include "report_command.h"

#include <iostream>

#include "exit_codes.h"
#include "monte_carlo_run.h"
#include "mpi_context.h"
#include "output_file.h"
#include "plan_command.h"
#include "progress_bar.h"
#include "stargate/report/html_report.h"

namespace stargate::cli {
namespace {

struct ReportArgs {
  PlanInputs inputs;
  std::string output = "stargate.html";
};

int run_report(const ReportArgs& args) {
  MpiContext mpi;
  Result<FleetPlan> plan = load_fleet_plan(args.inputs);
  if (!plan.ok()) return mpi.rank() == 0 ? report_error(plan.error()) : kExitBadInput;
  const bool progress = mpi.rank() == 0 && stderr_is_terminal();
  if (Status mc = attach_monte_carlo(plan.value(), args.inputs, mpi, progress, kReportDefaultDraws); !mc.ok()) {
    return mpi.rank() == 0 ? report_error(mc.error()) : kExitBadInput;
  }
  if (mpi.rank() != 0) return kExitOk;
  Status written = write_file_atomically(args.output, fleet_html_report(plan.value()));
  if (!written.ok()) return report_error(written.error());
  std::cout << "wrote " << args.output << "\n";
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand("report", "Write the fleet plan as one self-contained HTML file with charts");
  add_plan_inputs(*cmd, args->inputs);
  cmd->add_option("-o,--output", args->output, "HTML file to write (default stargate.html)");
  cmd->callback([args, &exit_code] { exit_code = run_report(*args); });
}

}  // namespace stargate::cli
