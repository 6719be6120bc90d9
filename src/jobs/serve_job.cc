#include "stargate/jobs/serve_job.h"

#include "stargate/catalog/catalog.h"
#include "stargate/serving/offline_batch.h"

namespace stargate {
namespace {

ServingConfig config_with_requests(const Scenario& s, int64_t requests) {
  ServingConfig config = *s.serving;
  if (requests > 0 && config.workload.arrival != ArrivalKind::trace) config.workload.requests = requests;
  return config;
}

// A library error without a file is about the scenario's file.
Error on_scenario_file(Error e, const Scenario& s) {
  if (e.location.file.empty()) e.location.file = s.file;
  return e;
}

// A run in which no request completed has no latency, throughput or cost to report: said, with the reason,
// instead of zeros.
Status state_empty_result(const ServingResult& r, const std::string& file) {
  if (r.completed > 0) return Status::success();
  return Error{ErrorKind::invalid_input,
               "no request completed: " + std::to_string(r.rejected) + " of " + std::to_string(r.requests) +
                   " requests were rejected because their prompt needs more KV cache than a replica has (" +
                   std::to_string(r.kv_blocks_per_replica) + " blocks); shorten the prompts, raise tp or use fp8",
               "serving.workload", {file, 0, 0}};
}

// The scenario's model and cluster under `config`: errors on the scenario's file, an empty run stated.
Result<ServingResult> simulate_scenario(const Scenario& s, const ServingConfig& config, const SimulationOptions& options) {
  Result<ServingResult> result = simulate_serving(s.model, s.cluster, config, options);
  if (!result.ok()) return on_scenario_file(result.error(), s);
  if (Status stated = state_empty_result(result.value(), s.file); !stated.ok()) return stated.error();
  return result;
}

}  // namespace

Status check_has_serving(const Scenario& s) {
  if (s.serving) return Status::success();
  return Error{ErrorKind::invalid_input, "the scenario has no serving: section", "serving", {s.file, 0, 0}};
}

Result<ServingResult> run_serve_job(const Scenario& s, int64_t requests, const SimulationOptions& options) {
  if (Status has = check_has_serving(s); !has.ok()) return has.error();
  return simulate_scenario(s, config_with_requests(s, requests), options);
}

Result<ServingResult> run_offline_job(const Scenario& s, int64_t requests, const SimulationOptions& options) {
  if (Status has = check_has_serving(s); !has.ok()) return has.error();
  Result<ServingConfig> batch = offline_batch_config(*s.serving, requests);
  if (!batch.ok()) return on_scenario_file(batch.error(), s);
  return simulate_scenario(s, batch.value(), options);
}

Result<CapacityPlan> run_capacity_job(const Scenario& s, const std::vector<std::string>& accelerators,
                                      int64_t requests) {
  if (Status has = check_has_serving(s); !has.ok()) return has.error();
  Result<CapacityPlan> plan = plan_capacity(s.model, s.cluster, config_with_requests(s, requests),
                                            CapacityOptions{.accelerators = accelerators, .catalog = &Catalog::builtin()});
  if (!plan.ok()) return plan.error();
  if (plan.value().fewest.empty()) {
    return Error{ErrorKind::invalid_input,
                 "no deployment on the accelerators tried serves this workload (every tp tried leaves too little KV "
                 "cache for its requests, or misses the SLOs at any size)",
                 "serving", {s.file, 0, 0}};
  }
  return plan;
}

Result<DeploymentSearchResult> run_deployment_search_job(const Scenario& s, DeploymentSearchOptions options) {
  if (Status has = check_has_serving(s); !has.ok()) return has.error();
  if (options.catalog == nullptr) options.catalog = &Catalog::builtin();
  Result<DeploymentSearchResult> result = search_deployments(s.model, s.cluster, *s.serving, options);
  if (!result.ok()) return on_scenario_file(result.error(), s);
  return result;
}

}  // namespace stargate
