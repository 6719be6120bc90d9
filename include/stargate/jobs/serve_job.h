#pragma once
// `stargate serve` as data: a scenario's serving load simulated (or run offline as a static batch), its capacity
// planned per accelerator, or its cheapest deployment searched. Errors carry the scenario's file (exit code 2 on the command line): no
// `serving:` section, no request completed, no deployment serves the load.
#include <cstdint>
#include <string>
#include <vector>

#include "stargate/core/result.h"
#include "stargate/scenario/scenario.h"
#include "stargate/search/capacity.h"
#include "stargate/search/deployment_search.h"
#include "stargate/serving/simulator.h"

namespace stargate {

// The error for a scenario without a `serving:` section (on its file, field `serving`).
Status check_has_serving(const Scenario& scenario);

// The simulated load. `requests` > 0 overrides workload.requests (not for a trace arrival).
Result<ServingResult> run_serve_job(const Scenario& scenario, int64_t requests = 0, const SimulationOptions& options = {});

// The scenario's workload run offline (serving/offline_batch.h): a static batch of `requests` (> 0; else the
// workload's) all queued at t = 0, no arrivals; a trace replays its rows' lengths at t = 0.
Result<ServingResult> run_offline_job(const Scenario& scenario, int64_t requests = 0,
                                      const SimulationOptions& options = {});

// The fewest GPUs and the cheapest deployment per accelerator (catalog ids; empty = every one with a node preset,
// from the built-in catalog). `requests` as for run_serve_job.
Result<CapacityPlan> run_capacity_job(const Scenario& scenario, const std::vector<std::string>& accelerators,
                                      int64_t requests = 0);

// The cheapest deployments meeting the SLOs (DeploymentSearchOptions::catalog null = the built-in catalog).
Result<DeploymentSearchResult> run_deployment_search_job(const Scenario& scenario, DeploymentSearchOptions options);

}  // namespace stargate
