#pragma once
// The price of one GPU-hour and its parts: the value type of the cost model (gpu_hour_cost_model.h). The cost
// layer sits just above catalog, so serving, search and fleet all price GPU time with it. USD per GPU-hour.
#include <span>

namespace stargate {

struct GpuHourCost {
  double capital_usd = 0;   // capital recovery of the IT hardware (GPU, server, network and storage share)
  double facility_usd = 0;  // capital recovery of the facility share (capex per W of IT load)
  double energy_usd = 0;    // metered energy: IT power × utilization × PUE × electricity price
  // A price given outright (a serving scenario's `price_per_gpu`); when > 0 it is the total and the parts are 0.
  double explicit_usd = 0;

  bool is_explicit() const { return explicit_usd > 0; }
  double total_usd() const { return is_explicit() ? explicit_usd : capital_usd + facility_usd + energy_usd; }
};

// GPUs at one price: a term of gpu_weighted_mean_cost.
struct PricedGpus {
  GpuHourCost cost;
  double gpus = 0;
};

// The mean $/GPU-hour of GPUs at different prices (a deployment whose pools run on different cards), weighted by
// GPU count: each part averaged; when any price is explicit the mean total is explicit_usd (parts 0). So
// usd_for_gpu_seconds(mean, Σ gpus · t) equals Σ usd_for_gpu_seconds(cost, gpus · t). Zero for no GPUs.
GpuHourCost gpu_weighted_mean_cost(std::span<const PricedGpus> terms);

// USD for `gpu_seconds` of GPU time at `cost`.
inline double usd_for_gpu_seconds(const GpuHourCost& cost, double gpu_seconds) {
  return cost.total_usd() * gpu_seconds / 3600.0;
}

// USD per million tokens for `usd` spent on `tokens` tokens; 0 when no tokens.
inline double usd_per_million_tokens(double usd, double tokens) { return tokens > 0 ? usd / tokens * 1e6 : 0.0; }

}  // namespace stargate
