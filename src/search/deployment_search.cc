// Serving deployment search (deployment_search.h): memory pruning, then rounds of the ask/tell loop in parallel
// with a cost bound, then the top k simulated whole. Each step is one function below.
#include "stargate/search/deployment_search.h"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <span>

#include "search/deployment_probe.h"
#include "stargate/search/ask_tell.h"
#include "stargate/search/search_strategy.h"
#include "stargate/search/serving_space.h"
#include "stargate/serving/simulator.h"

namespace stargate {
namespace {
using deployment_probe::UnitProbe;

// What every step reads: the inputs, the demand, and the cluster per accelerator id.
struct SearchInputs {
  const ModelSpec& model;
  const Cluster& cluster;
  const ServingConfig& config;
  const DeploymentSearchOptions& options;
  double demand = 0;            // requests/s
  double out_tokens_per_s = 0;  // output tokens/s at the demand
  std::map<std::string, Cluster> clusters;
};

// The decode pool's own hardware of a mixed-hardware candidate; nullopt when both pools share `accelerator`.
std::optional<PoolHardware> decode_hardware(const SearchInputs& in, const DeploymentCandidate& k) {
  if (k.decode_accelerator.empty()) return std::nullopt;
  return serving_pool_hardware(in.config, in.cluster, in.clusters.at(k.decode_accelerator));
}

// $/hour of one unit: each pool's GPUs at its own price.
double usd_per_unit_hour(const DeploymentOption& o) {
  const DeploymentCandidate& k = o.candidate;
  if (k.decode_accelerator.empty()) return k.gpus_per_unit() * o.price_per_gpu_hour;
  return k.prefill_replicas * k.tp * o.gpu_hour_cost.total_usd() +
         k.decode_replicas * k.tp * o.decode_gpu_hour_cost.total_usd();
}

// Ranking: $/hour, then fewer GPUs, then enumeration order.
bool cheaper(const DeploymentOption& a, size_t ia, const DeploymentOption& b, size_t ib) {
  if (a.usd_per_hour != b.usd_per_hour) return a.usd_per_hour < b.usd_per_hour;
  if (a.gpus != b.gpus) return a.gpus < b.gpus;
  return ia < ib;
}

// The demand in requests/s, which must be positive.
Result<double> positive_demand(const ServingConfig& config) {
  Result<double> demand = serving_demand_rate(config.workload);
  if (!demand.ok()) return demand.error();
  if (!(demand.value() > 0)) {
    return Error{ErrorKind::invalid_input, "the demand rate must be positive", "serving.workload.rate", {}};
  }
  return demand.value();
}

// Output tokens/s at `demand` requests/s: the workload's mean output length (a trace's own mean), at least 1.
double output_tokens_per_second(const ServingWorkload& workload, double demand) {
  double out_mean = workload.output.mean;
  if (workload.arrival == ArrivalKind::trace && !workload.trace.empty()) {
    double sum = 0;
    for (const TraceRow& r : workload.trace) sum += r.output_tokens;
    out_mean = sum / workload.trace.size();
  }
  return demand * std::max(1.0, out_mean);
}

// Fills every outcome's candidate, price and memory/EP verdict; returns the candidates left to simulate.
std::vector<size_t> prune_without_simulating(const SearchInputs& in, const std::vector<DeploymentCandidate>& cands,
                                             std::vector<DeploymentOption>& outcomes) {
  std::vector<size_t> live;
  for (size_t i = 0; i < cands.size(); ++i) {
    DeploymentOption& o = outcomes[i];
    o.candidate = cands[i];
    const Cluster& c = in.clusters.at(cands[i].accelerator);
    o.gpu_hour_cost = serving_gpu_hour_cost(in.config, in.cluster, c);
    o.price_per_gpu_hour = o.gpu_hour_cost.total_usd();
    const std::optional<PoolHardware> decode = decode_hardware(in, cands[i]);
    o.decode_gpu_hour_cost = decode ? decode->gpu_hour_cost : o.gpu_hour_cost;
    const Cluster* decode_cluster = decode ? &in.clusters.at(cands[i].decode_accelerator) : nullptr;
    o.reject = deployment_probe::memory_check(in.model, c, in.config, cands[i], decode_cluster);
    if (o.reject == DeploymentReject::none) live.push_back(i);
  }
  return live;
}

// Sizes one candidate: the fewest units meeting the SLOs (confirmed), at most what the cost `bound` allows.
// Returns the simulations it ran.
size_t size_candidate(const SearchInputs& in, double bound, DeploymentOption& o) {
  const int max_units = in.options.max_units;
  const double unit_cost = usd_per_unit_hour(o);
  const bool bounded = std::isfinite(bound);
  const int cap =
      bounded ? static_cast<int>(std::min<double>(max_units, std::floor(bound / unit_cost * (1 + 1e-12)))) : max_units;
  UnitProbe probe(in.model, in.clusters.at(o.candidate.accelerator), in.config, o.candidate, in.demand,
                  in.options.probe_requests, decode_hardware(in, o.candidate));
  const int units = probe.confirmed_units(probe.fewest_units(cap, bounded), cap, in.options.confirm_requests);
  if (units == 0) {
    o.reject = bounded && cap < max_units ? DeploymentReject::costlier_than_top : DeploymentReject::misses_slo;
    return probe.simulations();
  }
  const int replicas_per_unit =
      o.candidate.disaggregated() ? o.candidate.prefill_replicas + o.candidate.decode_replicas : 1;
  o.units = units;
  o.gpus = units * o.candidate.gpus_per_unit();
  o.replicas = units * replicas_per_unit;
  o.rate_per_unit = in.demand / units;
  o.usd_per_hour = o.candidate.decode_accelerator.empty() ? o.gpus * o.price_per_gpu_hour : units * unit_cost;
  o.usd_per_million_output_tokens = o.usd_per_hour / 3600 / in.out_tokens_per_s * 1e6;
  const deployment_probe::UnitRunFigures& run = probe.last_run();  // the run that confirmed `units`
  o.p99_ttft = run.p99_ttft;
  o.p99_tpot = run.p99_tpot;
  o.mean_tpot = run.mean_tpot;
  o.slo_attainment = run.slo_attainment;
  return probe.simulations();
}

// The ask/tell rounds over the live candidates; returns the feasible ones, cheapest first (all of them: the
// caller keeps the top k). `sims[i]` counts candidate i's simulations.
std::vector<size_t> size_live_candidates(const SearchInputs& in, const std::vector<size_t>& live,
                                         tbb::task_arena& arena, DeploymentSearchResult& res,
                                         std::vector<size_t>& sims) {
  const size_t k = std::max<size_t>(1, in.options.top);
  std::vector<size_t> feasible;
  double bound = std::numeric_limits<double>::infinity();  // cost of the k-th cheapest so far
  auto evaluate = [&](std::span<const size_t> asked, std::span<CandidateScore> scores) {
    arena.execute([&] {
      tbb::parallel_for(size_t{0}, asked.size(), [&](size_t j) {
        const size_t i = live[asked[j]];
        sims[i] = size_candidate(in, bound, res.outcomes[i]);
        const DeploymentOption& o = res.outcomes[i];
        if (o.reject == DeploymentReject::none) {
          scores[j] = CandidateScore{.verdict = PlanVerdict::scored, .objective = o.usd_per_hour};
        } else {
          scores[j] = CandidateScore{.verdict = PlanVerdict::invalid, .reject_reason = static_cast<int>(o.reject)};
        }
      });
    });
  };
  auto record = [&](std::span<const size_t> asked, std::span<const CandidateScore> scores) {
    for (size_t j = 0; j < asked.size(); ++j) {
      const size_t i = live[asked[j]];
      res.simulated += sims[i] > 0;
      if (scores[j].verdict == PlanVerdict::scored) feasible.push_back(i);
    }
    std::sort(feasible.begin(), feasible.end(),
              [&](size_t a, size_t b) { return cheaper(res.outcomes[a], a, res.outcomes[b], b); });
    if (feasible.size() >= k) bound = res.outcomes[feasible[k - 1]].usd_per_hour;
  };
  ExhaustiveStrategy every_live(live.size());
  drive_search<CandidateScore>(every_live, std::max<size_t>(1, in.options.batch), evaluate, record);
  // Any feasible candidate beyond the top k from an earlier round is also costlier than the final top k.
  for (size_t r = k; r < feasible.size(); ++r) {
    DeploymentOption& o = res.outcomes[feasible[r]];
    if (o.usd_per_hour > bound) o.reject = DeploymentReject::costlier_than_top;
  }
  feasible.resize(std::min(feasible.size(), k));
  return feasible;
}

// The top k: the highest rate per unit, then the whole deployment simulated at the demand rate. Returns the
// simulations it ran.
size_t verify_top(const SearchInputs& in, const std::vector<size_t>& top, tbb::task_arena& arena,
                  DeploymentSearchResult& res) {
  res.top.resize(top.size());
  std::vector<size_t> top_sims(top.size(), 0);
  arena.execute([&] {
    tbb::parallel_for(size_t{0}, top.size(), [&](size_t r) {
      DeploymentOption o = res.outcomes[top[r]];
      const Cluster& c = in.clusters.at(o.candidate.accelerator);
      const std::optional<PoolHardware> decode = decode_hardware(in, o.candidate);
      UnitProbe probe(in.model, c, in.config, o.candidate, in.demand, in.options.probe_requests, decode);
      if (in.options.measure_top_rate) o.rate_per_unit = probe.max_rate(o.units, in.options.confirm_requests);
      const int64_t n = std::max<int64_t>(in.options.verify_requests, int64_t{in.options.probe_requests} * o.units);
      const ServingConfig cfg = deployment_probe::unit_config(in.config, o.candidate, o.units, in.demand, n, decode);
      Result<ServingResult> sim = simulate_serving(in.model, c, cfg);
      top_sims[r] = probe.simulations() + 1;
      if (sim.ok()) {
        o.p99_ttft = sim.value().ttft.p99;
        o.p99_tpot = sim.value().tpot.p99;
        o.mean_tpot = sim.value().tpot.mean;
        o.slo_attainment = sim.value().slo_attainment;
        o.whole_deployment_simulated = true;
      }
      res.top[r] = o;
      res.outcomes[top[r]] = o;  // distinct per r
    });
  });
  size_t simulations = 0;
  for (size_t s : top_sims) simulations += s;
  return simulations;
}

}  // namespace

Result<DeploymentSearchResult> search_deployments(const ModelSpec& model, const Cluster& cluster,
                                                  const ServingConfig& config,
                                                  const DeploymentSearchOptions& options) {
  Result<double> demand = positive_demand(config);
  if (!demand.ok()) return demand.error();
  SearchInputs in{.model = model, .cluster = cluster, .config = config, .options = options,
                  .demand = demand.value(),
                  .out_tokens_per_s = output_tokens_per_second(config.workload, demand.value())};
  for (const Cluster& c : serving_clusters(options.catalog, cluster, options.accelerators)) in.clusters[c.accelerator.id] = c;
  if (!options.decode_accelerators.empty()) {
    for (const Cluster& c : serving_clusters(options.catalog, cluster, options.decode_accelerators)) {
      in.clusters.emplace(c.accelerator.id, c);
    }
  }

  DeploymentSearchResult res;
  res.demand_rate = in.demand;
  res.demand_output_tokens_per_s = in.out_tokens_per_s;
  res.slo_attainment_target = config.slo.attainment;
  const std::vector<DeploymentCandidate> cands = enumerate_deployments(model, cluster, config, options);
  res.candidates = cands.size();
  res.outcomes.resize(cands.size());
  const std::vector<size_t> live = prune_without_simulating(in, cands, res.outcomes);

  tbb::task_arena arena(options.threads > 0 ? options.threads : tbb::task_arena::automatic);
  std::vector<size_t> sims(cands.size(), 0);
  const std::vector<size_t> top = size_live_candidates(in, live, arena, res, sims);
  const size_t top_simulations = verify_top(in, top, arena, res);

  for (const DeploymentOption& o : res.outcomes) ++res.rejections[static_cast<int>(o.reject)];
  for (size_t s : sims) res.simulations += s;
  res.simulations += top_simulations;
  return res;
}

}  // namespace stargate
