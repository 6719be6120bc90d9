#pragma once
// The throughput-interactivity trade-off of a serving scenario: every deployment of the scenario's accelerator
// that meets the SLOs at the demand (search_deployments with no cost cut-off, each simulated whole at the demand
// rate), placed by output tokens/s per GPU against output tokens/s per user, with the Pareto front of the
// aggregated and of the disaggregated deployments marked separately (`stargate report` on a serving scenario).
#include <vector>

#include "stargate/search/deployment_search.h"

namespace stargate {

struct DeploymentFrontPoint {
  DeploymentOption option;
  double output_tokens_per_s_per_gpu = 0;   // the demand's output tokens/s ÷ the deployment's GPUs
  double output_tokens_per_s_per_user = 0;  // 1 / mean TPOT of the whole deployment simulated at the demand
  // No other deployment of the same kind (aggregated or disaggregated) is at least as high on both figures and
  // higher on one.
  bool on_front = false;
};

struct DeploymentFront {
  DeploymentSearchResult search;
  std::vector<DeploymentFrontPoint> points;  // cheapest first, as search.top
};

// Overrides `options.catalog` (the scenario's own accelerator), `options.top` (every feasible deployment),
// `options.measure_top_rate` (off: rate_per_unit = demand / units) and the confirm and whole-deployment runs
// (2 × probe_requests requests: a front of many deployments, each sized less exactly than the cheapest one), and
// caps `options.max_units` at 2 units per GPU of the scenario's cluster (a deployment that needs more is left out).
Result<DeploymentFront> deployment_front(const ModelSpec& model, const Cluster& cluster, const ServingConfig& config,
                                         DeploymentSearchOptions options = {});

// Marks on_front among the points of each kind (helper of deployment_front, exposed for tests).
void mark_pareto_front(std::vector<DeploymentFrontPoint>& points);

}  // namespace stargate
