#pragma once
#include <CLI/CLI.hpp>

namespace stargate::cli {

// `stargate validate [FILE...] [--json] [--markdown] [--error-bands]`: predicts every case of the validation files (the built-in
// data/validation copies when no FILE is given) and reports signed errors, median and p90 |error| per source.
void add_validate_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
