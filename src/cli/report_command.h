#pragma once
#include <CLI/CLI.hpp>

namespace stargate::cli {

// `stargate report [SCENARIO] [-o FILE.html] [--search [--objective O] [--top N]] [--vary FIELD=LOW..HIGH]...`:
// ONE self-contained HTML file with inline SVG charts (no scripts, no network) for any scenario kind, detected
// as the other commands detect it (scenario/scenario_kind.h): a fleet scenario (default: the built-in Stargate
// one) gives the fleet plan; a training scenario the training estimate, or with --search the plan search; a
// serving scenario the simulation and its deployment front. docs/report.md lists what each page shows.
void add_report_command(CLI::App& app, int& exit_code);

}  // namespace stargate::cli
