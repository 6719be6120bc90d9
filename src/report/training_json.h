#pragma once
// Internal to report/: JSON objects shared by the train and search outputs.
#include <nlohmann/json.hpp>

#include "stargate/reliability/goodput.h"
#include "stargate/scenario/scenario.h"
#include "stargate/sim/training_run.h"
#include "stargate/sim/training_step.h"

namespace stargate::report_detail {

nlohmann::json training_json(const Scenario& scenario, const TrainingEstimate& estimate, const TrainingRunTotals& run);
nlohmann::json reliability_json(const ReliabilityEstimate& estimate, const TrainingRunTotals& run);

}  // namespace stargate::report_detail
