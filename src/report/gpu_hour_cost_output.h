#pragma once
// Rendering of a $/GPU-hour with its parts, the same wherever a price per GPU-hour is shown (serve, search, plan).
// JSON fields: usd_per_gpu_hour, capital_usd_per_gpu_hour, facility_usd_per_gpu_hour, energy_usd_per_gpu_hour
// (parts null for a price given outright) and gpu_hour_price_source ("cost model" or "scenario price_per_gpu").
#include <nlohmann/json.hpp>
#include <string>

#include "stargate/cost/gpu_hour_cost.h"

namespace stargate {

nlohmann::json gpu_hour_cost_json(const GpuHourCost& cost);
// Adds gpu_hour_cost_json's fields to the JSON object `into`.
void add_gpu_hour_cost_fields(nlohmann::json& into, const GpuHourCost& cost);
// "$1.65/GPU-h (capital $1.31 + facility $0.24 + energy $0.09)", or "$2.00/GPU-h (scenario price_per_gpu)".
std::string gpu_hour_cost_text(const GpuHourCost& cost);

}  // namespace stargate
