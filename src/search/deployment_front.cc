// Tokens/s per GPU vs tokens/s per user of every feasible deployment (see deployment_front.h).
#include "stargate/search/deployment_front.h"

#include <algorithm>
#include <limits>

namespace stargate {
namespace {

// A deployment needing more units than this many per GPU of the scenario is no point of its front: the bound keeps
// a candidate that misses the SLOs at any size from growing to max_units (4096) in its probes.
constexpr int kFrontUnitsPerScenarioGpu = 2;

}  // namespace

void mark_pareto_front(std::vector<DeploymentFrontPoint>& points) {
  for (DeploymentFrontPoint& p : points) {
    p.on_front = true;
    for (const DeploymentFrontPoint& q : points) {
      if (&q == &p || q.option.candidate.disaggregated() != p.option.candidate.disaggregated()) continue;
      const bool at_least = q.output_tokens_per_s_per_gpu >= p.output_tokens_per_s_per_gpu &&
                            q.output_tokens_per_s_per_user >= p.output_tokens_per_s_per_user;
      const bool better = q.output_tokens_per_s_per_gpu > p.output_tokens_per_s_per_gpu ||
                          q.output_tokens_per_s_per_user > p.output_tokens_per_s_per_user;
      if (at_least && better) {
        p.on_front = false;
        break;
      }
    }
  }
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
  for (const DeploymentOption& o : front.search.top) {
    if (o.gpus <= 0 || !(o.mean_tpot > 0)) continue;  // the whole-deployment simulation failed
    front.points.push_back({.option = o,
                            .output_tokens_per_s_per_gpu = front.search.demand_output_tokens_per_s / o.gpus,
                            .output_tokens_per_s_per_user = 1 / o.mean_tpot,
                            .on_front = false});
  }
  mark_pareto_front(front.points);
  return front;
}

}  // namespace stargate
