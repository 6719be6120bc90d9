#pragma once
// The Monte Carlo options of `plan` and `report` (--monte-carlo N, --seed S) and the run that fills
// FleetPlan::monte_carlo: every MPI rank computes a contiguous share of the draws (oneTBB inside the rank), rank 0
// gathers the draws in draw order and summarizes them, so the result does not depend on rank or thread counts.
#include <CLI/CLI.hpp>

#include <cstdint>

#include "mpi_context.h"
#include "plan_command.h"
#include "stargate/core/result.h"
#include "stargate/fleet/fleet_plan.h"

namespace stargate::cli {

// Draws of `stargate report` on a scenario with distributions when --monte-carlo is not given.
inline constexpr int64_t kReportDefaultDraws = 1000;

void add_monte_carlo_options(CLI::App& command, PlanInputs& inputs);

// Runs inputs.monte_carlo_draws draws (or `default_draws` when that is 0 and the scenario has distributions; none
// when both are 0) and sets plan.monte_carlo on rank 0. `progress` draws a bar on stderr.
Status attach_monte_carlo(FleetPlan& plan, const PlanInputs& inputs, const MpiContext& mpi, bool progress,
                          int64_t default_draws);

}  // namespace stargate::cli
