// The GPU-weighted mean of several GPU-hour prices (gpu_hour_cost.h).
#include "stargate/cost/gpu_hour_cost.h"

namespace stargate {

GpuHourCost gpu_weighted_mean_cost(std::span<const PricedGpus> terms) {
  GpuHourCost mean;
  double gpus = 0, total_usd = 0;
  bool any_explicit = false;
  for (const PricedGpus& t : terms) {
    gpus += t.gpus;
    total_usd += t.cost.total_usd() * t.gpus;
    any_explicit = any_explicit || t.cost.is_explicit();
    mean.capital_usd += t.cost.capital_usd * t.gpus;
    mean.facility_usd += t.cost.facility_usd * t.gpus;
    mean.energy_usd += t.cost.energy_usd * t.gpus;
  }
  if (!(gpus > 0)) return GpuHourCost{};
  if (any_explicit) return GpuHourCost{.explicit_usd = total_usd / gpus};
  mean.capital_usd /= gpus;
  mean.facility_usd /= gpus;
  mean.energy_usd /= gpus;
  return mean;
}

}  // namespace stargate
