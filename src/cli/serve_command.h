#pragma once
#include <CLI/CLI.hpp>

namespace stargate::cli {

// `stargate serve SCENARIO [--json] [--trace FILE] [--capacity] [--requests N]`: simulates the scenario's
// serving deployment under its load (throughput, TTFT/TPOT/E2E percentiles, goodput, KV use, power, $/M tokens),
// or with --capacity finds the fewest GPUs and the cheapest deployment per accelerator type for the load.
void add_serve_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
