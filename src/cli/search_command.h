#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "stargate/search/plan_evaluator.h"

namespace stargate::cli {

// `stargate search SCENARIO`: the best training plans for the scenario's model, cluster and batch.
void add_search_command(CLI::App& app, int& exit_code);

// The objective of an --objective name: step-time and mfu rank alike; cost is USD per step, energy J per step.
SearchObjective objective_from(const std::string& name);

}  // namespace stargate::cli
