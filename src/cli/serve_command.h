#pragma once
#include <CLI/CLI.hpp>

namespace stargate::cli {

// `stargate serve SCENARIO [--json] [--trace FILE] [--capacity | --offline] [--requests N]`: simulates the
// scenario's serving deployment under its load (throughput, TTFT/TPOT/E2E percentiles, goodput, KV use, power,
// $/M tokens), with --offline runs its workload as a static batch queued at t = 0 (benchmark-style throughput and
// per-request latency), or with --capacity finds the fewest GPUs and the cheapest deployment per accelerator type.
void add_serve_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
