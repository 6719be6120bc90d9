#pragma once
// Internal to report/: the tenants section of `stargate plan` (text and JSON) when the scenario has tenants:.
#include <nlohmann/json.hpp>
#include <string>

#include "stargate/fleet/fleet_plan.h"

namespace stargate::report_detail {

// Per tenant and quarter: demand and allocation (GPUs; tokens/day for serving), "SHORT" marks, then a summary line
// per tenant. Empty when the plan has no tenants.
std::string tenants_text(const FleetPlan& plan);
nlohmann::json tenants_json(const FleetPlan& plan);

}  // namespace stargate::report_detail
