#pragma once
#include <CLI/CLI.hpp>

namespace stargate::cli {

// `stargate search SCENARIO`: the best training plans for the scenario's model, cluster and batch.
void add_search_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
