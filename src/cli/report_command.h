#pragma once
#include <CLI/CLI.hpp>

namespace stargate::cli {

// `stargate report [SCENARIO] -o FILE.html [--vary FIELD=LOW..HIGH]...`: the fleet plan as ONE self-contained
// HTML file with inline SVG charts (no scripts, no network). Without SCENARIO the built-in Stargate scenario runs.
void add_report_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
