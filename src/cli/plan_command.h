#pragma once
// `stargate plan` and the inputs it shares with `stargate report` (scenario argument, --vary options).
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "stargate/core/progress.h"
#include "stargate/fleet/fleet_plan.h"

namespace stargate::cli {

struct PlanInputs {
  std::string scenario;             // empty: the built-in Stargate scenario
  std::vector<std::string> varies;  // FIELD=LOW..HIGH
};

void add_plan_inputs(CLI::App& cmd, PlanInputs& inputs);
// `progress`: the fleet simulations of --vary done (core/progress.h); not called without --vary.
Result<FleetPlan> load_fleet_plan(const PlanInputs& inputs, const ProgressCallback& progress = {});

// `stargate plan [SCENARIO] [--json] [--csv FILE] [--vary FIELD=LOW..HIGH]...`: the fleet build-out quarter by
// quarter (docs/fleet.md). Without SCENARIO the built-in Stargate scenario (data/scenarios/stargate.yaml) runs.
void add_plan_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
