#pragma once
// `stargate serve SCENARIO --search` (and `stargate search` on a serving scenario): the ranked serving
// deployments and the rejection counts, as a table or JSON (report/deployment_search_report.h renders them).
#include <optional>
#include <string>
#include <vector>

#include "engine_files.h"
#include "stargate/search/deployment_search.h"

namespace stargate::cli {

// Loads the scenario (it needs a serving: section), searches deployments (accelerators: catalog ids, empty = all
// with a node preset; the `top` cheapest) and prints them to stdout. Returns a process exit code.
int run_serving_search_cli(const std::string& scenario_path, const std::vector<std::string>& accelerators,
                           size_t top, bool json);
// Files the deployment front (search/deployment_front.h) is written to besides stdout; empty = not written.
struct FrontFiles {
  std::string csv;  // every deployment sized, with on_front (report/deployment_front_report.h)
  std::string svg;  // the aggregated and disaggregated fronts side by side
};

// The same with every search option; with `emit`, the cheapest deployment's launch files for that engine are
// written into its directory before the table is printed (an error, exit 2, when no deployment was found). The
// table is followed by the Pareto front (the `pareto` section with `json`); `files` are written before printing.
int run_serving_search(const std::string& scenario_path, const DeploymentSearchOptions& options, bool json,
                       const std::optional<EmitRequest>& emit = std::nullopt, const FrontFiles& files = {});

}  // namespace stargate::cli
