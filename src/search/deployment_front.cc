// Tokens/s per GPU vs tokens/s per user of the deployments a search sized (see deployment_front.h).
#include "stargate/search/deployment_front.h"

#include <algorithm>
#include <limits>

#include "stargate/search/pareto_front.h"

namespace stargate {
namespace {

// A deployment needing more units than this many per GPU of the scenario is no point of its front: the bound keeps
// a candidate that misses the SLOs at any size from growing to max_units (4096) in its probes.
constexpr int kFrontUnitsPerScenarioGpu = 2;

}  // namespace

void mark_pareto_front(std::vector<DeploymentFrontPoint>& points) {
  for (DeploymentFrontPoint& p : points) p.on_front = false;
  for (const bool disaggregated : {false, true}) {
    std::vector<size_t> members;  // of this kind, meeting the SLOs
    std::vector<MaximizedPair> figures;
    for (size_t i = 0; i < points.size(); ++i) {
      if (points[i].option.candidate.disaggregated() != disaggregated || !points[i].meets_slo) continue;
      members.push_back(i);
      figures.push_back({.first = points[i].output_tokens_per_s_per_gpu,
                         .second = points[i].output_tokens_per_s_per_user});
    }
    const std::vector<bool> on_front = pareto_front_flags(figures);
    for (size_t k = 0; k < members.size(); ++k) points[members[k]].on_front = on_front[k];
  }
}

std::vector<DeploymentFrontPoint> deployment_front_points(const DeploymentSearchResult& search) {
  std::vector<size_t> sized;
  for (size_t i = 0; i < search.outcomes.size(); ++i) {
    const DeploymentOption& o = search.outcomes[i];
    if (o.units > 0 && o.gpus > 0 && o.mean_tpot > 0) sized.push_back(i);
  }
  std::stable_sort(sized.begin(), sized.end(), [&](size_t a, size_t b) {
    const DeploymentOption &x = search.outcomes[a], &y = search.outcomes[b];
    if (x.usd_per_hour != y.usd_per_hour) return x.usd_per_hour < y.usd_per_hour;
    return x.gpus < y.gpus;
  });
  std::vector<DeploymentFrontPoint> points;
  for (size_t i : sized) {
    const DeploymentOption& o = search.outcomes[i];
    points.push_back({.option = o,
                      .output_tokens_per_s_per_gpu = search.demand_output_tokens_per_s / o.gpus,
                      .output_tokens_per_s_per_user = 1 / o.mean_tpot,
                      .meets_slo = o.slo_attainment >= search.slo_attainment_target,
                      .on_front = false});
  }
  mark_pareto_front(points);
  return points;
}

std::vector<DeploymentFrontPoint> front_of_kind(const std::vector<DeploymentFrontPoint>& points, bool disaggregated) {
  std::vector<DeploymentFrontPoint> front;
  for (const DeploymentFrontPoint& p : points) {
    if (p.on_front && p.option.candidate.disaggregated() == disaggregated) front.push_back(p);
  }
  std::stable_sort(front.begin(), front.end(), [](const DeploymentFrontPoint& a, const DeploymentFrontPoint& b) {
    if (a.output_tokens_per_s_per_user != b.output_tokens_per_s_per_user) {
      return a.output_tokens_per_s_per_user < b.output_tokens_per_s_per_user;
    }
    return a.output_tokens_per_s_per_gpu > b.output_tokens_per_s_per_gpu;
  });
  return front;
}

Result<DeploymentFront> deployment_front(const ModelSpec& model, const Cluster& cluster, const ServingConfig& config,
                                         DeploymentSearchOptions options) {
  options.catalog = nullptr;
  options.top = std::numeric_limits<size_t>::max();
  options.measure_top_rate = false;
  options.max_units = std::min(options.max_units, std::max(1, kFrontUnitsPerScenarioGpu * cluster.gpus));
  options.confirm_requests = 2 * options.probe_requests;
  options.verify_requests = 2 * options.probe_requests;
  Result<DeploymentSearchResult> searched = search_deployments(model, cluster, config, options);
  if (!searched.ok()) return searched.error();
  DeploymentFront front{.search = std::move(searched.value()), .points = {}};
  front.points = deployment_front_points(front.search);
  return front;
}

}  // namespace stargate
