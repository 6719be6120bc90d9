#include "stargate/serving/capacity.h"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "stargate/catalog/catalog.h"
#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/serving/simulator.h"

namespace stargate {
namespace {

// Whether one replica meets the SLO attainment at `rate`.
bool meets(const ModelSpec& model, const Cluster& cluster, ServingConfig cfg, double rate, int probe,
           double& usd_per_m) {
  cfg.workload.arrival = cfg.workload.arrival == ArrivalKind::gamma ? ArrivalKind::gamma : ArrivalKind::poisson;
  cfg.workload.rate = rate;
  cfg.workload.requests = probe;
  cfg.sample_interval = 0;
  Result<ServingResult> r = simulate_serving(model, cluster, cfg, generate_requests(cfg.workload));
  if (!r.ok()) return false;
  usd_per_m = r.value().usd_per_million_output_tokens;
  return r.value().slo_attainment >= cfg.slo.attainment;
}

void evaluate(const ModelSpec& model, const Cluster& cluster, const ServingConfig& base, double demand, int probe,
              CapacityOption& opt) {
  ServingConfig cfg = base;
  cfg.deployment.prefill_pool.reset();
  cfg.deployment.decode_pool.reset();
  cfg.deployment.pool = PoolConfig{1, opt.tp};
  double usd = 0;
  double lo = 0, hi = std::max(0.05, demand / 64);
  if (!meets(model, cluster, cfg, hi, probe, usd)) {
    hi /= 64;
    if (!meets(model, cluster, cfg, hi, probe, usd)) {
      opt.reason = "misses the SLOs even at a very low rate (or the model does not fit)";
      return;
    }
  }
  lo = hi;
  for (int i = 0; i < 24; ++i, lo = hi) {  // grow until the SLOs fail
    hi = lo * 2;
    if (!meets(model, cluster, cfg, hi, probe, usd)) break;
  }
  for (int i = 0; i < 7; ++i) {
    double mid = (lo + hi) / 2;
    (meets(model, cluster, cfg, mid, probe, usd) ? lo : hi) = mid;
  }
  opt.max_rate_per_replica = lo;
  opt.replicas = static_cast<int>(std::ceil(demand / lo - 1e-9));
  opt.gpus = opt.replicas * opt.tp;
  const double price = cfg.deployment.price_per_gpu_hour > 0
                           ? cfg.deployment.price_per_gpu_hour
                           : gpu_hour_cost(cluster, default_cost_assumptions()).total_usd();
  opt.usd_per_hour = opt.gpus * price;
  const double out_tokens_per_s = demand * base.workload.output.mean;
  opt.usd_per_million_output_tokens = opt.usd_per_hour / 3600 / out_tokens_per_s * 1e6;
  opt.feasible = true;
}

}  // namespace

Result<double> serving_demand_rate(const ServingWorkload& w) {
  if (w.arrival == ArrivalKind::poisson || w.arrival == ArrivalKind::gamma) return w.rate;
  if (w.arrival == ArrivalKind::trace && w.trace.size() > 1 && w.trace.back().arrival > 0) {
    return (w.trace.size() - 1) / w.trace.back().arrival;
  }
  return Error{ErrorKind::invalid_input, "capacity planning needs a request rate (poisson, gamma or a trace)",
               "serving.workload.arrival", {}};
}

std::vector<Cluster> serving_clusters(const Cluster& base, const std::vector<std::string>& ids) {
  const Catalog& catalog = Catalog::builtin();
  std::vector<Cluster> clusters;
  for (const AcceleratorSpec& a : catalog.accelerators()) {
    if (!ids.empty() && std::find(ids.begin(), ids.end(), a.id) == ids.end()) continue;
    const NodeSpec* node = nullptr;
    for (const NodeSpec& n : catalog.nodes()) {
      if (n.accelerator == a.id) node = node ? node : &n;
    }
    if (!node) continue;
    Cluster c = base;
    c.accelerator = a;
    c.node = *node;
    clusters.push_back(c);
  }
  return clusters;
}

Result<CapacityPlan> plan_capacity(const ModelSpec& model, const Cluster& cluster, const ServingConfig& config,
                                   const CapacityOptions& options) {
  CapacityPlan plan;
  Result<double> demand = serving_demand_rate(config.workload);
  if (!demand.ok()) return demand.error();
  plan.demand_rate = demand.value();
  const std::vector<Cluster> clusters = serving_clusters(cluster, options.accelerators);
  std::vector<std::pair<size_t, int>> jobs;
  for (size_t i = 0; i < clusters.size(); ++i) {
    for (int tp : {1, 2, 4, 8}) {
      if (model.heads % tp == 0 && tp <= clusters[i].node.gpus_per_node) jobs.push_back({i, tp});
    }
  }
  plan.options.resize(jobs.size());
  tbb::parallel_for(size_t{0}, jobs.size(), [&](size_t j) {
    CapacityOption& opt = plan.options[j];
    opt.accelerator = clusters[jobs[j].first].accelerator.id;
    opt.tp = jobs[j].second;
    evaluate(model, clusters[jobs[j].first], config, plan.demand_rate, options.probe_requests, opt);
  });
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
  return plan;
}

}  // namespace stargate
