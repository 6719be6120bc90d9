#include "stargate/fleet/delivery.h"

#include <cmath>
#include <map>
#include <tuple>

#include "stargate/catalog/catalog.h"
#include "stargate/search/plan_chooser.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

constexpr double kSecondsPerQuarter = 365.0 * 86400.0 / 4.0;

struct TrainingCell {
  int gpus_used = 0;
  std::string plan;
  double mfu = 0, goodput = 0, mtbf_hours = 0, days = 0;
};

}  // namespace

FleetDelivery fleet_delivery(const FleetScenario& s, const FleetResult& result) {
  FleetDelivery out;
  for (const Generation& g : s.generations) out.serving_by_generation.push_back(serving_rate(g, s.serving));
  const ModelSpec& model = s.training.model_spec;
  const double life_q = s.finance.depreciation_seconds / kSecondsPerQuarter;
  std::map<std::pair<int, int>, TrainingCell> cache;  // (generation, gpus) -> result
  TrainingRequest request;
  request.seq_len = s.training.seq_len;
  request.global_batch_tokens = s.training.global_batch_tokens;
  ReliabilityOptions reliability;
  reliability.checkpoint_seconds = -1;
  reliability.restart_seconds = s.training.restart_seconds;
  request.tokens = tokens_for_flops(model, s.training.flops);

  for (const FleetQuarter& fq : result.quarters) {
    QuarterDelivery d;
    d.quarter = fq.quarter;
    // Largest (site, generation) pool installed in this quarter.
    std::map<std::pair<int, int>, double> pools;
    for (const Cohort& c : result.cohorts) {
      if (c.bought <= fq.quarter && fq.quarter - c.bought < life_q) pools[{c.site, c.generation}] += c.gpus;
    }
    int best_site = -1, best_gen = -1;
    double best = 0;
    for (const auto& [key, gpus] : pools) {
      if (gpus > best) std::tie(best_site, best_gen, best) = std::tuple(key.first, key.second, gpus);
    }
    if (best_gen >= 0) {
      const Generation& g = s.generations[best_gen];
      d.largest_cluster_gpus = static_cast<int>(best);
      d.largest_cluster_site = s.sites[best_site].name;
      d.largest_cluster_generation = g.name;
      auto [it, inserted] = cache.try_emplace({best_gen, d.largest_cluster_gpus});
      TrainingCell& cell = it->second;
      if (inserted) {
        const Cluster cluster{g.accelerator, g.node, g.fabric, d.largest_cluster_gpus};
        std::string why;
        auto chosen = choose_training_plan(model, cluster, request, reliability, s.training.checkpoint_bytes_per_s, &why);
        if (chosen && !std::isfinite(chosen->wall_seconds)) {
          cell.plan = "no plan finishes: goodput is 0 at every size (restarts outlast the MTBF)";
        } else if (chosen) {
          cell = {chosen->gpus_used, plan_summary(chosen->plan), chosen->step.mfu, chosen->reliability.goodput,
                  chosen->reliability.mtbf_seconds / 3600.0, chosen->wall_seconds / 86400.0};
        } else {
          cell.plan = "no plan fits: " + why;
        }
      }
      d.training_gpus_used = cell.gpus_used;
      d.training_plan = cell.plan;
      d.training_mfu = cell.mfu;
      d.training_goodput = cell.goodput;
      d.training_mtbf_hours = cell.mtbf_hours;
      d.training_days = cell.days;
    }
    // Serving, all installed GPUs.
    double tokens_per_s = 0;
    for (size_t g = 0; g < fq.gpus_by_generation.size(); ++g) {
      const ServingRate& r = out.serving_by_generation[g];
      tokens_per_s += fq.gpus_by_generation[g] * r.tokens_per_s_per_gpu;
      const int tp = std::min(s.serving.tp, s.generations[g].node.scale_up_domain);
      d.concurrent_streams += fq.gpus_by_generation[g] / tp * r.batch;
    }
    d.tokens_per_day = tokens_per_s * 86400.0;
    d.users = d.tokens_per_day / s.serving.tokens_per_user_per_day;
    if (tokens_per_s > 0) {
      const double usd = fq.usd_per_gpu_hour * fq.gpus_installed * kSecondsPerQuarter / 3600.0;
      d.usd_per_million_tokens = usd / (tokens_per_s * kSecondsPerQuarter) * 1e6;
    }
    out.quarters.push_back(std::move(d));
  }
  return out;
}

}  // namespace stargate
