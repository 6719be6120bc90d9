#include "serving_search_cli.h"

#include <chrono>
#include <iostream>

#include "exit_codes.h"
#include "stargate/catalog/catalog.h"
#include "stargate/jobs/serve_job.h"
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
  if (Status has = check_has_serving(s); !has.ok()) return report_error(has.error());
  const auto start = std::chrono::steady_clock::now();
  Result<DeploymentSearchResult> result = run_deployment_search_job(s, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!result.ok()) return report_error(result.error());
  if (json) {
    std::cout << deployment_search_to_json(result.value(), seconds);
  } else {
    std::cout << deployment_search_to_text(result.value(), seconds);
  }
  return kExitOk;
}

}  // namespace stargate::cli
