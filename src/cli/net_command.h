#pragma once
#include <CLI/CLI.hpp>

namespace stargate::cli {

// `stargate net --gpus 16 --op all_reduce [--algo auto|ring|tree|nvls|collnet] [--min-bytes 8 --max-bytes 8G]
// [--flow] [--json]`: an nccl-tests-like table (size, count, time, algbw, busbw) of one collective on a cluster
// built from catalog presets.
void add_net_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
