#include "stargate/jobs/fleet_job.h"

#include "core/yaml_map.h"
#include "stargate/core/input_error.h"
#include "stargate/fleet/fleet_scenario.h"
#include "stargate/fleet/sensitivity.h"

namespace stargate {

Result<FleetPlan> run_fleet_job(const std::string& text, const std::string& file, const std::vector<std::string>& varies,
                                const ProgressCallback& progress) {
  return capture_errors([&]() -> FleetPlan {
    Result<FleetScenario> scenario = parse_fleet_scenario(text, file);
    if (!scenario.ok()) throw InputError(scenario.error());
    FleetPlan plan = make_fleet_plan(std::move(scenario.value()));
    if (!varies.empty()) {
      std::vector<VaryRequest> requests;
      for (const std::string& v : varies) {
        Result<VaryRequest> parsed = parse_vary(v);
        if (!parsed.ok()) throw InputError(parsed.error());
        requests.push_back(parsed.value());
      }
      Result<Tornado> tornado = run_sensitivity(text, file, requests, progress);
      if (!tornado.ok()) throw InputError(tornado.error());
      plan.tornado = std::move(tornado.value());
    }
    return plan;
  });
}

Result<FleetPlan> run_fleet_file_job(const std::string& path, const std::vector<std::string>& varies,
                                     const ProgressCallback& progress) {
  if (path.empty()) {
    return run_fleet_job(std::string(default_fleet_scenario_text()), kBuiltinFleetScenarioFile, varies, progress);
  }
  Result<std::string> text = capture_errors([&] { return read_text_file(path); });
  if (!text.ok()) return text.error();
  return run_fleet_job(text.value(), path, varies, progress);
}

}  // namespace stargate
