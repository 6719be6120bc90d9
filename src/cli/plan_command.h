#pragma once
// `stargate plan` and the inputs it shares with `stargate report` (scenario argument, --vary options).
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "stargate/core/progress.h"
#include "stargate/fleet/fleet_plan.h"

namespace stargate::cli {

struct PlanInputs {
  std::string scenario;             // empty: the built-in Stargate scenario
  std::vector<std::string> varies;  // FIELD=LOW..HIGH
  int64_t monte_carlo_draws = 0;    // --monte-carlo N (0: none; `report` draws 1000 when the scenario has distributions)
  uint64_t seed = 1;                // --seed S of the Monte Carlo draws
};

// The scenario's YAML text and the file name used in messages (the built-in one when no SCENARIO is given).
struct ScenarioSource {
  std::string text;
  std::string file;
};
ScenarioSource read_scenario_source(const PlanInputs& inputs);  // throws InputError

void add_plan_inputs(CLI::App& cmd, PlanInputs& inputs);
// `progress`: the fleet simulations of --vary done (core/progress.h); not called without --vary.
Result<FleetPlan> load_fleet_plan(const PlanInputs& inputs, const ProgressCallback& progress = {});

// `stargate plan [SCENARIO] [--json] [--csv FILE] [--vary FIELD=LOW..HIGH]... [--monte-carlo N [--seed S]]`:
// the fleet build-out quarter by quarter (docs/fleet.md). Without SCENARIO the built-in Stargate scenario
// (data/scenarios/stargate.yaml) runs; --monte-carlo adds percentiles over the scenario's distributions.
void add_plan_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
