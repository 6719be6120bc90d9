// Capacity planning (capacity.h): one candidate per (accelerator, TP), each sized by grow-then-bisect on the
// request rate one replica sustains, driven through the ask/tell loop with an exhaustive strategy.
#include "stargate/search/capacity.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <span>

#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/search/ask_tell.h"
#include "search/pool_capacity.h"
#include "stargate/search/search_strategy.h"
#include "stargate/serving/simulator.h"

namespace stargate {
namespace {

// Why an option is infeasible (CandidateScore::reject_reason indexes this; CapacityOption::reason holds the text).
constexpr const char* kCapacityRejectReasons[] = {
    "misses the SLOs even at a very low rate (or the model does not fit)"};
constexpr int kRejectMissesSlo = 0;

// Sizes one (accelerator, TP) candidate: the highest rate per replica, then replicas, GPUs and cost.
CandidateScore evaluate(const ModelSpec& model, const Cluster& cluster, const ServingConfig& base, double demand,
                        int probe, CapacityOption& opt) {
  ServingConfig cfg = base;
  cfg.deployment.prefill_pool.reset();
  cfg.deployment.decode_pool.reset();
  cfg.deployment.pool = PoolConfig{1, opt.tp};
  cfg.deployment.routers = 1;  // probes simulate one replica
  auto meets_rate = [&](double rate) { return capacity_detail::meets_at_rate(model, cluster, cfg, rate, probe); };
  const std::optional<double> highest = capacity_detail::highest_rate(meets_rate, demand);
  if (!highest) {
    opt.reason = kCapacityRejectReasons[kRejectMissesSlo];
    return CandidateScore{.verdict = PlanVerdict::invalid, .objective = 0, .reject_reason = kRejectMissesSlo};
  }
  const double rate = *highest;
  opt.max_rate_per_replica = rate;
  opt.replicas = static_cast<int>(std::ceil(demand / rate - 1e-9));
  opt.gpus = opt.replicas * opt.tp;
  const double price = cfg.deployment.price_per_gpu_hour > 0
                           ? cfg.deployment.price_per_gpu_hour
                           : gpu_hour_cost(cluster, default_cost_assumptions()).total_usd();
  opt.usd_per_hour = opt.gpus * price;
  const double out_tokens_per_s = demand * base.workload.output.mean;
  opt.usd_per_million_output_tokens = opt.usd_per_hour / 3600 / out_tokens_per_s * 1e6;
  opt.feasible = true;
  return CandidateScore{.verdict = PlanVerdict::scored, .objective = opt.usd_per_hour, .reject_reason = -1};
}

// Per accelerator, the feasible option with the fewest GPUs and the cheapest one (first in order on ties).
void pick_per_accelerator(const std::vector<Cluster>& clusters, CapacityPlan& plan) {
  for (const Cluster& c : clusters) {
    const CapacityOption *fewest = nullptr, *cheapest = nullptr;
    for (const CapacityOption& o : plan.options) {
      if (o.accelerator != c.accelerator.id || !o.feasible) continue;
      if (!fewest || o.gpus < fewest->gpus) fewest = &o;
      if (!cheapest || o.usd_per_hour < cheapest->usd_per_hour) cheapest = &o;
    }
    if (fewest) plan.fewest.push_back(*fewest);
    if (cheapest) plan.cheapest.push_back(*cheapest);
  }
}

}  // namespace

Result<CapacityPlan> plan_capacity(const ModelSpec& model, const Cluster& cluster, const ServingConfig& config,
                                   const CapacityOptions& options) {
  CapacityPlan plan;
  Result<double> demand = serving_demand_rate(config.workload);
  if (!demand.ok()) return demand.error();
  plan.demand_rate = demand.value();
  const std::vector<Cluster> clusters = serving_clusters(options.catalog, cluster, options.accelerators);
  std::vector<size_t> cluster_of;  // per option: its index in `clusters`
  for (size_t i = 0; i < clusters.size(); ++i) {
    for (int tp : {1, 2, 4, 8}) {
      if (model.heads % tp == 0 && tp <= clusters[i].node.gpus_per_node) {
        plan.options.push_back(CapacityOption{.accelerator = clusters[i].accelerator.id, .tp = tp});
        cluster_of.push_back(i);
      }
    }
  }
  ExhaustiveStrategy every_option(plan.options.size());
  auto evaluate_batch = [&](std::span<const size_t> indices, std::span<CandidateScore> scores) {
    tbb::parallel_for(size_t{0}, indices.size(), [&](size_t j) {
      CapacityOption& opt = plan.options[indices[j]];
      const Cluster& c = clusters[cluster_of[indices[j]]];
      scores[j] = evaluate(model, c, config, plan.demand_rate, options.probe_requests, opt);
    });
  };
  drive_search<CandidateScore>(every_option, plan.options.size(), evaluate_batch,
                               [](std::span<const size_t>, std::span<const CandidateScore>) {});
  pick_per_accelerator(clusters, plan);
  if (config.deployment.disaggregated()) {
    plan.disaggregated = capacity_detail::plan_pool_capacity(model, cluster, config, clusters, plan.demand_rate,
                                                             options.probe_requests);
  }
  return plan;
}

}  // namespace stargate
