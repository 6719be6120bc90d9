#include "serving_search_cli.h"

#include <chrono>
#include <iostream>

#include "exit_codes.h"
#include "output_file.h"
#include "stargate/catalog/catalog.h"
#include "stargate/jobs/serve_job.h"
#include "stargate/report/deployment_front_report.h"
#include "stargate/report/deployment_search_report.h"
#include "stargate/report/engine_launch.h"
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

namespace {

// Renders the cheapest deployment's launch files and writes them; the paths written, or the error.
Result<std::vector<std::string>> emit_launch_files(const Scenario& s, const DeploymentSearchResult& result,
                                                   const EmitRequest& emit) {
  if (result.top.empty()) {
    return Error{ErrorKind::invalid_input, "no deployment meets the SLOs, so there is nothing to emit", "--emit",
                 {s.file, 0, 0}};
  }
  const DeploymentProvenance provenance{.scenario_file = s.file, .demand_requests_per_s = result.demand_rate};
  return write_engine_files(emit.directory,
                            render_engine_launch(emit.engine, result.top.front(), s.model, *s.serving, provenance));
}

// Writes the front's CSV and SVG where asked.
Status write_front_files(const DeploymentSearchResult& result, const FrontFiles& files) {
  if (!files.csv.empty()) {
    if (Status written = write_file_atomically(files.csv, deployment_front_to_csv(result)); !written.ok()) return written;
  }
  if (!files.svg.empty()) return write_file_atomically(files.svg, deployment_front_to_svg(result));
  return Status::success();
}

}  // namespace

int run_serving_search(const std::string& scenario_path, const DeploymentSearchOptions& options, bool json,
                       const std::optional<EmitRequest>& emit, const FrontFiles& files) {
  Result<Scenario> loaded = load_scenario_file(scenario_path);
  if (!loaded.ok()) return report_error(loaded.error());
  const Scenario& s = loaded.value();
  if (Status has = check_has_serving(s); !has.ok()) return report_error(has.error());
  const auto start = std::chrono::steady_clock::now();
  Result<DeploymentSearchResult> result = run_deployment_search_job(s, options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!result.ok()) return report_error(result.error());
  std::vector<std::string> emitted;
  if (emit) {
    Result<std::vector<std::string>> written = emit_launch_files(s, result.value(), *emit);
    if (!written.ok()) return report_error(written.error());
    emitted = written.value();
  }
  if (Status written = write_front_files(result.value(), files); !written.ok()) return report_error(written.error());
  if (json) {
    std::cout << deployment_search_to_json(result.value(), seconds);
  } else {
    std::cout << deployment_search_to_text(result.value(), seconds) << deployment_front_to_text(result.value());
    if (emit) {
      std::cout << serving_engine_name(emit->engine) << " launch files for the cheapest deployment:";
      for (const std::string& path : emitted) std::cout << ' ' << path;
      std::cout << '\n';
    }
  }
  return kExitOk;
}

}  // namespace stargate::cli
