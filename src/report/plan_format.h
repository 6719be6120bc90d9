#pragma once
// Internal to report/: a training plan in the three forms the outputs use.
#include <nlohmann/json.hpp>
#include <string>

#include "stargate/mapping/parallel_plan.h"

namespace stargate::report_detail {

// "tp 8 · pp 16 · dp 128 · ... · bf16" for the `train` table.
std::string plan_summary(const ParallelPlan& plan);
// "tp8 pp16 dp128 ... bf16 sp tp-overlap" for one row of the `search` table.
std::string plan_compact(const ParallelPlan& plan);
// The fields of training.plan in a scenario.
nlohmann::json plan_to_json(const ParallelPlan& plan);

}  // namespace stargate::report_detail
