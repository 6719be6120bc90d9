#include "stargate/cost/gpu_hour_cost_model.h"

#include <algorithm>

#include "stargate/cost/finance.h"

namespace stargate {
namespace {
constexpr double kSecondsPerHour = 3600.0;
}  // namespace

GpuCostInputs gpu_cost_inputs(const NodeSpec& node, const AcceleratorSpec& accelerator, const CostAssumptions& a) {
  const double gpus = std::max(1, node.gpus_per_node);
  const double system_usd = node.price_usd > 0
                                ? node.price_usd / gpus
                                : (accelerator.price_low_usd + accelerator.price_high_usd) / 2 * a.server_price_multiplier;
  const double it_watts = node.node_power_watts > 0 ? node.node_power_watts / gpus
                                                    : accelerator.tdp_watts * a.server_power_multiplier;
  return {.it_capex_usd = system_usd / (1.0 - a.network_share - a.storage_share), .it_watts = it_watts};
}

GpuHourCost gpu_hour_cost(const GpuCostInputs& inputs, const CostAssumptions& a) {
  const double facility_capex_usd = inputs.it_watts * a.facility_capex_usd_per_watt;
  return {
      .capital_usd = capital_charge_usd(inputs.it_capex_usd, a.cost_of_capital, a.it_life_seconds, kSecondsPerHour),
      .facility_usd = capital_charge_usd(facility_capex_usd, a.cost_of_capital, a.facility_life_seconds, kSecondsPerHour),
      .energy_usd = energy_cost_usd(metered_watts(inputs.it_watts, a.power_utilization, a.pue), kSecondsPerHour,
                                    a.energy_usd_per_joule),
  };
}

GpuHourCost gpu_hour_cost(const Cluster& cluster, const CostAssumptions& a) {
  return gpu_hour_cost(gpu_cost_inputs(cluster.node, cluster.accelerator, a), a);
}

}  // namespace stargate
