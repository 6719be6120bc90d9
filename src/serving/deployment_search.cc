// Serving deployment search: enumeration, memory pruning, parallel rounds with a cost bound (deployment_search.h).
#include "stargate/serving/deployment_search.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/search/search_strategy.h"
#include "stargate/serving/capacity.h"
#include "stargate/serving/simulator.h"
#include "stargate/serving/step_time.h"

namespace stargate {
namespace {
using deployment_search_detail::UnitProbe;

std::vector<int> with_value(std::vector<int> values, int v) {
  if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
  std::sort(values.begin(), values.end());
  return values;
}

// Ranking: $/hour, then fewer GPUs, then enumeration order.
bool cheaper(const DeploymentOption& a, size_t ia, const DeploymentOption& b, size_t ib) {
  if (a.usd_per_hour != b.usd_per_hour) return a.usd_per_hour < b.usd_per_hour;
  if (a.gpus != b.gpus) return a.gpus < b.gpus;
  return ia < ib;
}

}  // namespace

std::vector<DeploymentCandidate> enumerate_deployments(const ModelSpec& model, const Cluster& cluster,
                                                       const ServingConfig& config,
                                                       const DeploymentSearchOptions& options) {
  const std::vector<int> seqs = with_value(options.batch_sequences, config.scheduler.max_batch_sequences);
  const std::vector<int> tokens = with_value(options.batch_tokens, config.scheduler.max_batch_tokens);
  const double weights = model_weight_bytes(model, config.deployment.weights);
  std::vector<DeploymentCandidate> first, rest;  // first: aggregated with the scenario's batch limits
  for (const Cluster& c : serving_clusters(cluster, options.accelerators)) {
    std::vector<int> tps;
    for (int tp = 1; tp <= c.node.gpus_per_node; tp *= 2) {
      if (model.heads % tp == 0) tps.push_back(tp);
    }
    const double hbm = c.accelerator.hbm_capacity_bytes * config.scheduler.gpu_memory_fraction;
    const bool fits = std::any_of(tps.begin(), tps.end(), [&](int tp) { return weights / tp < hbm; });
    const std::vector<int> pps = fits ? std::vector<int>{1} : std::vector<int>{1, 2, 4};
    std::vector<int> splits = {0};
    for (int d : options.decode_per_prefill) splits.push_back(d);
    for (int tp : tps) {
      for (int pp : pps) {
        std::vector<int> eps = {1};
        for (int ep = 2; model.is_moe() && ep <= tp; ep *= 2) {
          if (tp % ep == 0 && model.moe->routed_experts % ep == 0) eps.push_back(ep);
        }
        for (int ep : eps) {
          for (int d : splits) {
            if (d > 0 && pp > 1) continue;  // disaggregated pools are TP-only
            for (int s : seqs) {
              for (int t : tokens) {
                DeploymentCandidate k{c.accelerator.id, tp, pp, ep, s, t, d > 0 ? 1 : 0, d};
                const bool base = d == 0 && s == config.scheduler.max_batch_sequences &&
                                  t == config.scheduler.max_batch_tokens;
                (base ? first : rest).push_back(k);
              }
            }
          }
        }
      }
    }
  }
  first.insert(first.end(), rest.begin(), rest.end());
  return first;
}

Result<DeploymentSearchResult> search_deployments(const ModelSpec& model, const Cluster& cluster,
                                                  const ServingConfig& config,
                                                  const DeploymentSearchOptions& options) {
  Result<double> demand_rate = serving_demand_rate(config.workload);
  if (!demand_rate.ok()) return demand_rate.error();
  const double demand = demand_rate.value();
  if (!(demand > 0)) {
    return Error{ErrorKind::invalid_input, "the demand rate must be positive", "serving.workload.rate", {}};
  }
  DeploymentSearchResult res;
  res.demand_rate = demand;
  std::map<std::string, Cluster> clusters;
  for (const Cluster& c : serving_clusters(cluster, options.accelerators)) clusters[c.accelerator.id] = c;
  const std::vector<DeploymentCandidate> cands = enumerate_deployments(model, cluster, config, options);
  res.candidates = cands.size();
  res.outcomes.resize(cands.size());
  double out_mean = config.workload.output.mean;
  if (config.workload.arrival == ArrivalKind::trace && !config.workload.trace.empty()) {
    double sum = 0;
    for (const TraceRow& r : config.workload.trace) sum += r.output_tokens;
    out_mean = sum / config.workload.trace.size();
  }
  const double out_tokens_per_s = demand * std::max(1.0, out_mean);
  std::vector<size_t> sims(cands.size(), 0);
  std::vector<size_t> live;  // passed the memory and EP checks
  for (size_t i = 0; i < cands.size(); ++i) {
    DeploymentOption& o = res.outcomes[i];
    o.candidate = cands[i];
    const Cluster& c = clusters.at(cands[i].accelerator);
    const bool own_price = config.deployment.price_per_gpu_hour > 0 && c.accelerator.id == cluster.accelerator.id;
    o.gpu_hour_cost = own_price ? GpuHourCost{.explicit_usd = config.deployment.price_per_gpu_hour}
                                : gpu_hour_cost(c, default_cost_assumptions());
    o.price_per_gpu_hour = o.gpu_hour_cost.total_usd();
    o.reject = deployment_search_detail::memory_check(model, c, config, cands[i]);
    if (o.reject == DeploymentReject::none && cands[i].ep > 1) o.reject = DeploymentReject::ep_not_modeled;
    if (o.reject == DeploymentReject::none) live.push_back(i);
  }

  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
  ExhaustiveStrategy strategy(live.size());
  std::vector<size_t> asked, feasible;
  double bound = std::numeric_limits<double>::infinity();  // cost of the k-th cheapest so far
  const size_t k = std::max<size_t>(1, options.top);
  while (asked.clear(), strategy.ask(asked, std::max<size_t>(1, options.batch))) {
    arena.execute([&] {
      tbb::parallel_for(size_t{0}, asked.size(), [&](size_t j) {
        const size_t i = live[asked[j]];
        DeploymentOption& o = res.outcomes[i];
        const double unit_cost = o.candidate.gpus_per_unit() * o.price_per_gpu_hour;
        const bool bounded = std::isfinite(bound);
        const int cap = bounded ? static_cast<int>(std::min<double>(options.max_units, std::floor(bound / unit_cost * (1 + 1e-12))))
                                : options.max_units;
        UnitProbe probe(model, clusters.at(o.candidate.accelerator), config, o.candidate, demand, options.probe_requests);
        const int units = probe.confirmed_units(probe.fewest_units(cap, bounded), cap, options.confirm_requests);
        sims[i] = probe.simulations();
        if (units == 0) {
          o.reject = bounded && cap < options.max_units ? DeploymentReject::costlier_than_top : DeploymentReject::misses_slo;
          return;
        }
        o.units = units;
        o.gpus = units * o.candidate.gpus_per_unit();
        o.replicas = units * (o.candidate.disaggregated() ? o.candidate.prefill_replicas + o.candidate.decode_replicas : 1);
        o.rate_per_unit = demand / units;
        o.usd_per_hour = o.gpus * o.price_per_gpu_hour;
        o.usd_per_million_output_tokens = o.usd_per_hour / 3600 / out_tokens_per_s * 1e6;
      });
    });
    std::vector<PlanScore> scores(asked.size());
    for (size_t j = 0; j < asked.size(); ++j) {
      const size_t i = live[asked[j]];
      const DeploymentOption& o = res.outcomes[i];
      res.simulated += sims[i] > 0;
      if (o.reject == DeploymentReject::none) {
        feasible.push_back(i);
        scores[j] = PlanScore{PlanVerdict::scored, o.usd_per_hour, 0, 0, 0, -1};
      }
    }
    strategy.tell(asked, scores);
    std::sort(feasible.begin(), feasible.end(), [&](size_t a, size_t b) {
      return cheaper(res.outcomes[a], a, res.outcomes[b], b);
    });
    if (feasible.size() >= k) bound = res.outcomes[feasible[k - 1]].usd_per_hour;
  }
  // Any feasible candidate beyond the top k from an earlier round is also costlier than the final top k.
  for (size_t r = k; r < feasible.size(); ++r) {
    DeploymentOption& o = res.outcomes[feasible[r]];
    if (o.usd_per_hour > bound) o.reject = DeploymentReject::costlier_than_top;
  }
  feasible.resize(std::min(feasible.size(), k));
  res.top.resize(feasible.size());
  std::vector<size_t> top_sims(feasible.size(), 0);
  arena.execute([&] {
    tbb::parallel_for(size_t{0}, feasible.size(), [&](size_t r) {
      DeploymentOption o = res.outcomes[feasible[r]];
      const Cluster& c = clusters.at(o.candidate.accelerator);
      UnitProbe probe(model, c, config, o.candidate, demand, options.probe_requests);
      o.rate_per_unit = probe.max_rate(o.units, options.confirm_requests);
      const int64_t n = std::max<int64_t>(options.verify_requests, int64_t{options.probe_requests} * o.units);
      ServingConfig cfg = deployment_search_detail::unit_config(model, c, config, o.candidate, o.units, demand, n);
      Result<ServingResult> sim = simulate_serving(model, c, cfg, generate_requests(cfg.workload));
      top_sims[r] = probe.simulations() + 1;
      if (sim.ok()) {
        o.p99_ttft = sim.value().ttft.p99;
        o.p99_tpot = sim.value().tpot.p99;
        o.slo_attainment = sim.value().slo_attainment;
      }
      res.top[r] = o;
    });
  });
  for (const DeploymentOption& o : res.outcomes) ++res.rejections[static_cast<int>(o.reject)];
  for (size_t s : sims) res.simulations += s;
  for (size_t s : top_sims) res.simulations += s;
  return res;
}

}  // namespace stargate
