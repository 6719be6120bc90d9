#pragma once
// `stargate serve SCENARIO --search`: the ranked serving deployments and the rejection counts, as a table or JSON.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "stargate/search/deployment_search.h"

namespace stargate::cli {

nlohmann::json deployment_search_to_json(const DeploymentSearchResult& result, double seconds);
std::string deployment_search_to_text(const DeploymentSearchResult& result, double seconds);

// Loads the scenario (it needs a serving: section), searches deployments (accelerators: catalog ids, empty = all
// with a node preset; the `top` cheapest) and prints them to stdout. Returns a process exit code.
int run_serving_search_cli(const std::string& scenario_path, const std::vector<std::string>& accelerators,
                           size_t top, bool json);
// The same with every search option.
int run_serving_search(const std::string& scenario_path, const DeploymentSearchOptions& options, bool json);

}  // namespace stargate::cli
