// Per-pool hardware use and cost of a serving run (hardware_summary.h).
#include "hardware_summary.h"

#include <algorithm>

namespace stargate::serving_detail {
namespace {

// GPUs of one accelerator at one price: pools sharing both are one group.
struct HardwareGroup {
  const AcceleratorSpec* accelerator = nullptr;
  GpuHourCost price;
  int gpus = 0;
  double busy_gpu_seconds = 0;
};

std::vector<HardwareGroup> hardware_groups(const std::vector<PoolUse>& pools, const std::vector<double>& busy_s) {
  std::vector<HardwareGroup> groups;
  for (size_t p = 0; p < pools.size(); ++p) {
    const PoolUse& u = pools[p];
    auto same = [&](const HardwareGroup& g) {
      return g.accelerator->id == u.cluster.accelerator.id && g.price.total_usd() == u.price.total_usd() &&
             g.price.is_explicit() == u.price.is_explicit();
    };
    auto it = std::find_if(groups.begin(), groups.end(), same);
    if (it == groups.end()) it = groups.insert(groups.end(), HardwareGroup{.accelerator = &u.cluster.accelerator, .price = u.price});
    it->gpus += u.gpus;
    it->busy_gpu_seconds += busy_s[p];
  }
  return groups;
}

}  // namespace

ReplicaUse replica_use(const Replica& r) {
  return {.pool = static_cast<int32_t>(r.pool), .busy_s = r.busy_time, .prefix_hit_tokens = r.prefix_hit_tokens,
          .prefix_query_tokens = r.prefix_query_tokens, .prefix_evicted_blocks = r.cache ? r.cache->evicted_blocks() : 0};
}

void summarize_hardware(ServingResult& out, const std::vector<PoolUse>& pools, const std::vector<ReplicaUse>& replicas,
                        double d, double flops, double hbm_bytes, Dtype weights) {
  double busy_gpu_s = 0;
  std::vector<double> pool_busy_s(pools.size(), 0);
  for (const ReplicaUse& r : replicas) {
    const double busy = std::min(r.busy_s, d) * pools[r.pool].tp;
    busy_gpu_s += busy;
    pool_busy_s[r.pool] += busy;
  }
  out.gpus = 0;
  for (const PoolUse& u : pools) out.gpus += u.gpus;
  out.busy_fraction = busy_gpu_s / (out.gpus * d);
  out.gpu_utilization = out.busy_fraction;  // the JSON name kept for compatibility: the busy share
  const std::vector<HardwareGroup> groups = hardware_groups(pools, pool_busy_s);
  // Power: 20% of TDP idle, up to 80% of TDP while running iterations (serving steps are mostly memory-bound
  // and rarely reach TDP); a documented assumption, not a measurement. It scales with the BUSY share: a running
  // decode step keeps clocks up and HBM streaming whatever share of the peak FLOP/s it uses.
  double peak_flops_capacity = 0, hbm_capacity = 0, cost_usd = 0;
  std::vector<PricedGpus> prices;
  out.average_power_watts = 0;
  for (const HardwareGroup& g : groups) {
    const double gpu_seconds = g.gpus * d;
    const double busy = groups.size() == 1 ? out.busy_fraction : g.busy_gpu_seconds / gpu_seconds;
    peak_flops_capacity += gpu_seconds * g.accelerator->precision_peak_flops_per_s(weights);
    hbm_capacity += gpu_seconds * g.accelerator->hbm_bandwidth_bytes_per_s;
    out.average_power_watts += g.gpus * g.accelerator->tdp_watts * (0.2 + 0.6 * busy);
    cost_usd += usd_for_gpu_seconds(g.price, gpu_seconds);
    prices.push_back({.cost = g.price, .gpus = static_cast<double>(g.gpus)});
  }
  out.compute_peak_flops_per_s = groups.size() == 1 ? groups[0].accelerator->precision_peak_flops_per_s(weights)
                                                    : peak_flops_capacity / (out.gpus * d);
  out.compute_utilization = peak_flops_capacity > 0 ? flops / peak_flops_capacity : 0;
  out.hbm_bandwidth_utilization = hbm_capacity > 0 ? hbm_bytes / hbm_capacity : 0;
  out.energy_joules = out.average_power_watts * d;
  out.gpu_hour_cost = groups.size() == 1 ? groups[0].price : gpu_weighted_mean_cost(prices);
  out.price_per_gpu_hour = out.gpu_hour_cost.total_usd();
  out.cost_usd = cost_usd;
  out.usd_per_million_output_tokens = usd_per_million_tokens(out.cost_usd, out.output_tokens);
  for (size_t p = 0; p < out.pools.size() && p < pools.size(); ++p) {
    out.pools[p].busy_fraction = pool_busy_s[p] / (pools[p].gpus * d);
    out.pools[p].cost_usd = usd_for_gpu_seconds(pools[p].price, pools[p].gpus * d);
  }
}

}  // namespace stargate::serving_detail
