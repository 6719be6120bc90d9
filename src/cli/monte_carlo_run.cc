#include "monte_carlo_run.h"

#include "option_checks.h"
#include "progress_bar.h"
#include "stargate/core/input_error.h"
#include "stargate/core/uncertainty_limits.h"

namespace stargate::cli {

void add_monte_carlo_options(CLI::App& command, PlanInputs& inputs) {
  command
      .add_option("--monte-carlo", inputs.monte_carlo_draws,
                  "Monte Carlo: N draws of the scenario's distributions; P10/P50/P90 per quarter and the inputs that "
                  "drive the spread (oneTBB; split over ranks under mpirun, same result)")
      ->check(whole_number_in(limits::monte_carlo_draws.min, limits::monte_carlo_draws.max));
  command.add_option("--seed", inputs.seed, "Seed of the Monte Carlo draws (default 1)")
      ->check(whole_number_in(0, INT64_MAX));
}

Status attach_monte_carlo(FleetPlan& plan, const PlanInputs& inputs, const MpiContext& mpi, bool progress,
                          int64_t default_draws) {
  Result<bool> ran = capture_errors([&]() -> bool {
    const ScenarioSource source = read_scenario_source(inputs);
    Result<UncertainFleetScenario> scenario = parse_uncertain_fleet_scenario(source.text, source.file);
    if (!scenario.ok()) throw InputError(scenario.error());
    const UncertainFleetScenario& u = scenario.value();
    const int64_t draws = inputs.monte_carlo_draws > 0 ? inputs.monte_carlo_draws : (u.inputs.empty() ? 0 : default_draws);
    if (draws == 0) return false;
    const int64_t begin = draws * mpi.rank() / mpi.size(), end = draws * (mpi.rank() + 1) / mpi.size();
    ProgressBar bar("draws", progress);
    const std::vector<double> mine = run_draws(u, inputs.seed, begin, end, [&](int64_t done) {
      bar.update(static_cast<size_t>(done * mpi.size()), static_cast<size_t>(draws));
    });
    bar.finish();
    const std::vector<double> all = mpi.gather(mine);  // rank order = draw order
    if (mpi.rank() == 0) plan.monte_carlo = summarize_draws(u, inputs.seed, all);
    return true;
  });
  if (!ran.ok()) return ran.error();
  return Status::success();
}

}  // namespace stargate::cli
