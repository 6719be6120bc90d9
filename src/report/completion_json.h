#pragma once
// Internal to report/: {fields: {name: chosen value}, step_seconds_min, step_seconds_max, completions}.
#include <nlohmann/json.hpp>

#include "stargate/search/plan_completion.h"

namespace stargate::report_detail {

nlohmann::json completion_json(const PlanCompletion& completion);

}  // namespace stargate::report_detail
