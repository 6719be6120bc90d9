#pragma once
// The throughput-interactivity trade-off of a serving deployment search: every deployment the search sized, placed
// by output tokens/s per GPU against output tokens/s per user, with the Pareto front (pareto_front.h, both
// maximized) of the aggregated and of the disaggregated deployments marked separately, among the deployments whose
// simulated SLO attainment meets the scenario's target. `stargate serve --search` prints and writes the front of
// the search it ran (cost cut-off included: only what it sized); `stargate report` on a serving scenario draws
// deployment_front() (the scenario's accelerator, no cost cut-off, every deployment simulated whole).
#include <vector>

#include "stargate/search/deployment_search.h"

namespace stargate {

struct DeploymentFrontPoint {
  DeploymentOption option;
  double output_tokens_per_s_per_gpu = 0;   // the demand's output tokens/s ÷ the deployment's GPUs
  double output_tokens_per_s_per_user = 0;  // 1 / mean TPOT (option's figures: see DeploymentOption)
  bool meets_slo = false;  // option.slo_attainment ≥ the scenario's attainment target
  // Meets the SLOs, and no other such deployment of the same kind (aggregated or disaggregated) is at least as
  // high on both figures and higher on one (equal points are both on the front).
  bool on_front = false;
};

struct DeploymentFront {
  DeploymentSearchResult search;
  std::vector<DeploymentFrontPoint> points;  // as deployment_front_points(search)
};

// Every candidate the search sized (units > 0) whose figures are known (mean TPOT > 0), cheapest first ($/hour,
// then fewer GPUs, then enumeration order), with meets_slo and on_front marked.
std::vector<DeploymentFrontPoint> deployment_front_points(const DeploymentSearchResult& search);

// The on_front points of one kind, along the front: tokens/s per user ascending (tokens/s per GPU descending; equal
// points in the order given).
std::vector<DeploymentFrontPoint> front_of_kind(const std::vector<DeploymentFrontPoint>& points, bool disaggregated);

// Overrides `options.catalog` (the scenario's own accelerator), `options.top` (every feasible deployment),
// `options.measure_top_rate` (off: rate_per_unit = demand / units) and the confirm and whole-deployment runs
// (2 × probe_requests requests: a front of many deployments, each sized less exactly than the cheapest one), and
// caps `options.max_units` at 2 units per GPU of the scenario's cluster (a deployment that needs more is left out).
Result<DeploymentFront> deployment_front(const ModelSpec& model, const Cluster& cluster, const ServingConfig& config,
                                         DeploymentSearchOptions options = {});

// Marks on_front among the points of each kind that meet the SLOs (meets_slo already set).
void mark_pareto_front(std::vector<DeploymentFrontPoint>& points);

}  // namespace stargate
