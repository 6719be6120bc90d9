#include "serving_search_cli.h"

#include <chrono>
#include <iostream>

#include "exit_codes.h"
#include "stargate/catalog/catalog.h"
#include "stargate/report/deployment_search_report.h"
#include "stargate/scenario/scenario.h"

namespace stargate::cli {

int run_serving_search_cli(const std::string& scenario_path, const std::vector<std::string>& accelerators,
                           size_t top, bool json) {
  DeploymentSearchOptions options;
  options.catalog = &Catalog::builtin();
  options.accelerators = accelerators;
  options.top = top;
  return run_serving_search(scenario_path, options, json);
}

int run_serving_search(const std::string& scenario_path, const DeploymentSearchOptions& options, bool json) {
  Result<Scenario> loaded = load_scenario_file(scenario_path);
  if (!loaded.ok()) return report_error(loaded.error());
  const Scenario& s = loaded.value();
  if (!s.serving) {
    return report_error(
        Error{ErrorKind::invalid_input, "the scenario has no serving: section", "serving", {s.file, 0, 0}});
  }
  const auto start = std::chrono::steady_clock::now();
  Result<DeploymentSearchResult> result = search_deployments(s.model, s.cluster, *s.serving, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!result.ok()) {
    Error e = result.error();
    if (e.location.file.empty()) e.location.file = s.file;
    return report_error(e);
  }
  if (json) {
    std::cout << deployment_search_to_json(result.value(), seconds);
  } else {
    std::cout << deployment_search_to_text(result.value(), seconds);
  }
  return kExitOk;
}

}  // namespace stargate::cli
