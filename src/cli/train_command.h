#pragma once
#include <CLI/CLI.hpp>

namespace stargate::cli {

// `stargate train SCENARIO [--json] [--trace FILE]`: step time, breakdown, MFU, memory fit, time to train.
void add_train_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
