// Capacity of one replica and of a disaggregated scenario's pools sized apart (pool_capacity.h).
#include "search/pool_capacity.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "stargate/search/bisection.h"
#include "stargate/search/serving_space.h"
#include "stargate/serving/simulator.h"

namespace stargate::capacity_detail {
namespace {

constexpr GrowThenBisect kRateSteps{.max_doublings = 24, .bisections = 7};

struct PoolInputs {
  const ModelSpec& model;
  const Cluster& scenario_cluster;
  const ServingConfig& config;
  double demand = 0;            // requests/s
  double out_tokens_per_s = 0;  // at the demand
  int probe = 0;
};

// The prefill pool alone: one replica on `c`, every request one output token (it finishes on the prefill replica,
// so no KV leaves it and only TTFT counts).
ServingConfig prefill_probe(const PoolInputs& in, const Cluster& c, int tp) {
  ServingConfig cfg = in.config;
  const PoolConfig pool{.replicas = 1, .tp = tp, .hardware = serving_pool_hardware(in.config, in.scenario_cluster, c)};
  cfg.deployment.prefill_pool = pool;
  cfg.deployment.decode_pool = pool;  // never reached
  cfg.deployment.routers = 1;         // probes simulate their own replica counts behind one router
  cfg.workload.output = LengthDistribution{.kind = LengthDistribution::Kind::fixed, .mean = 1};
  cfg.slo.tpot = cfg.slo.e2e = 0;
  return cfg;
}

// One decode replica on `c` behind the prefill option `prefill` (on `prefill_cluster`) sized for `rate`.
ServingConfig decode_probe(const PoolInputs& in, const CapacityOption& prefill, const Cluster& prefill_cluster,
                           const Cluster& c, int tp, double rate) {
  ServingConfig cfg = in.config;
  cfg.deployment.routers = 1;
  const int prefill_replicas = static_cast<int>(std::ceil(rate / prefill.max_rate_per_replica - 1e-9));
  cfg.deployment.prefill_pool =
      PoolConfig{.replicas = std::max(1, prefill_replicas), .tp = prefill.tp,
                 .hardware = serving_pool_hardware(in.config, in.scenario_cluster, prefill_cluster)};
  cfg.deployment.decode_pool =
      PoolConfig{.replicas = 1, .tp = tp, .hardware = serving_pool_hardware(in.config, in.scenario_cluster, c)};
  cfg.slo.ttft = 0;
  return cfg;
}

// Fills `opt` (its role, accelerator and tp set) from the highest rate its replica sustains (none: infeasible).
void size_option(const PoolInputs& in, const Cluster& c, std::optional<double> rate, CapacityOption& opt) {
  if (!rate) {
    opt.reason = opt.role == "prefill" ? "misses the TTFT target even at a very low rate (or the model does not fit)"
                                       : "misses the TPOT/end-to-end targets even at a very low rate (or the model "
                                         "does not fit, or no prefill option is feasible)";
    return;
  }
  opt.max_rate_per_replica = *rate;
  opt.replicas = static_cast<int>(std::ceil(in.demand / *rate - 1e-9));
  opt.gpus = opt.replicas * opt.tp;
  opt.usd_per_hour = opt.gpus * serving_gpu_hour_cost(in.config, in.scenario_cluster, c).total_usd();
  opt.usd_per_million_output_tokens = opt.usd_per_hour / 3600 / in.out_tokens_per_s * 1e6;
  opt.feasible = true;
}

// The cheapest feasible option of `role` (ties: fewer GPUs, then order); infeasible when there is none.
CapacityOption cheapest(const std::vector<CapacityOption>& options, const std::string& role) {
  const CapacityOption* best = nullptr;
  for (const CapacityOption& o : options) {
    if (o.role != role || !o.feasible) continue;
    if (!best || o.usd_per_hour < best->usd_per_hour || (o.usd_per_hour == best->usd_per_hour && o.gpus < best->gpus)) {
      best = &o;
    }
  }
  return best ? *best : CapacityOption{.role = role, .reason = "no feasible option"};
}

}  // namespace

bool meets_at_rate(const ModelSpec& model, const Cluster& cluster, ServingConfig cfg, double rate, int probe) {
  cfg.workload.arrival = cfg.workload.arrival == ArrivalKind::gamma ? ArrivalKind::gamma : ArrivalKind::poisson;
  cfg.workload.rate = rate;
  cfg.workload.requests = probe;
  cfg.sample_interval = 0;
  Result<ServingResult> r = simulate_serving(model, cluster, cfg);
  if (!r.ok()) return false;
  return r.value().slo_attainment >= cfg.slo.attainment;
}

std::optional<double> highest_rate(const std::function<bool(double)>& meets_rate, double demand) {
  double lowest = std::max(0.05, demand / 64);  // a rate that meets, to grow from
  if (!meets_rate(lowest)) {
    lowest /= 64;
    if (!meets_rate(lowest)) return std::nullopt;
  }
  return highest_meeting(lowest, lowest, meets_rate, kRateSteps);
}

DisaggregatedCapacity plan_pool_capacity(const ModelSpec& model, const Cluster& scenario_cluster,
                                         const ServingConfig& config, const std::vector<Cluster>& clusters,
                                         double demand, int probe_requests) {
  const PoolInputs in{.model = model, .scenario_cluster = scenario_cluster, .config = config, .demand = demand,
                      .out_tokens_per_s = demand * std::max(1.0, config.workload.output.mean), .probe = probe_requests};
  DisaggregatedCapacity plan;
  std::vector<size_t> cluster_of;
  for (const char* role : {"prefill", "decode"}) {
    for (size_t i = 0; i < clusters.size(); ++i) {
      for (int tp : {1, 2, 4, 8}) {
        if (model.heads % tp != 0 || tp > clusters[i].node.gpus_per_node) continue;
        plan.options.push_back(CapacityOption{.role = role, .accelerator = clusters[i].accelerator.id, .tp = tp});
        cluster_of.push_back(i);
      }
    }
  }
  const size_t prefill_count = plan.options.size() / 2;
  auto size_range = [&](size_t first, size_t last, auto&& config_at) {
    tbb::parallel_for(first, last, [&](size_t k) {
      CapacityOption& opt = plan.options[k];
      const Cluster& c = clusters[cluster_of[k]];
      auto meets = [&](double rate) { return meets_at_rate(model, scenario_cluster, config_at(c, opt.tp, rate), rate, in.probe); };
      size_option(in, c, highest_rate(meets, demand), opt);
    });
  };
  size_range(0, prefill_count, [&](const Cluster& c, int tp, double) { return prefill_probe(in, c, tp); });
  plan.prefill = cheapest(plan.options, "prefill");
  if (plan.prefill.feasible) {
    const Cluster& prefill_cluster = *std::find_if(clusters.begin(), clusters.end(), [&](const Cluster& c) {
      return c.accelerator.id == plan.prefill.accelerator;
    });
    size_range(prefill_count, plan.options.size(), [&](const Cluster& c, int tp, double rate) {
      return decode_probe(in, plan.prefill, prefill_cluster, c, tp, rate);
    });
  } else {
    for (size_t k = prefill_count; k < plan.options.size(); ++k) size_option(in, clusters[cluster_of[k]], std::nullopt, plan.options[k]);
  }
  plan.decode = cheapest(plan.options, "decode");
  if (plan.prefill.feasible && plan.decode.feasible) {
    plan.gpus = plan.prefill.gpus + plan.decode.gpus;
    plan.usd_per_hour = plan.prefill.usd_per_hour + plan.decode.usd_per_hour;
    plan.usd_per_million_output_tokens = plan.usd_per_hour / 3600 / in.out_tokens_per_s * 1e6;
  }
  return plan;
}

}  // namespace stargate::capacity_detail
