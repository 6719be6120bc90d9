#pragma once
#include <CLI/CLI.hpp>

namespace stargate::cli {

// `stargate catalog list|show NAME [--json]`: presets of accelerators, nodes, fabrics and models.
void add_catalog_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
