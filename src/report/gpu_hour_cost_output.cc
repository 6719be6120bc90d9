#include "gpu_hour_cost_output.h"

#include <fmt/format.h>

namespace stargate {

nlohmann::json gpu_hour_cost_json(const GpuHourCost& cost) {
  const auto part = [&](double usd) { return cost.is_explicit() ? nlohmann::json(nullptr) : nlohmann::json(usd); };
  return {{"usd_per_gpu_hour", cost.total_usd()},
          {"capital_usd_per_gpu_hour", part(cost.capital_usd)},
          {"facility_usd_per_gpu_hour", part(cost.facility_usd)},
          {"energy_usd_per_gpu_hour", part(cost.energy_usd)},
          {"gpu_hour_price_source", cost.is_explicit() ? "scenario price_per_gpu" : "cost model"}};
}

void add_gpu_hour_cost_fields(nlohmann::json& into, const GpuHourCost& cost) { into.update(gpu_hour_cost_json(cost)); }

std::string gpu_hour_cost_text(const GpuHourCost& cost) {
  if (cost.is_explicit()) return fmt::format("${:.2f}/GPU-h (scenario price_per_gpu)", cost.total_usd());
  return fmt::format("${:.2f}/GPU-h (capital ${:.2f} + facility ${:.2f} + energy ${:.2f})", cost.total_usd(),
                     cost.capital_usd, cost.facility_usd, cost.energy_usd);
}

}  // namespace stargate
