#pragma once
// Rendering of a training estimate: a terminal table, JSON with unit-suffixed field names, and Chrome trace
// events of one iteration (open in Perfetto or chrome://tracing).
#include <nlohmann/json.hpp>
#include <string>

#include "stargate/scenario/scenario.h"
#include "stargate/sim/training_run.h"
#include "stargate/sim/training_step.h"

namespace stargate {

// A parallel plan as JSON (the fields of training.plan in a scenario).
nlohmann::json plan_to_json(const ParallelPlan& plan);

std::string training_to_text(const Scenario& scenario, const TrainingEstimate& estimate, const TrainingRunTotals& run);
nlohmann::json training_to_json(const Scenario& scenario, const TrainingEstimate& estimate, const TrainingRunTotals& run);

// One iteration as trace events: a process per pipeline stage with a compute thread (forward/backward per
// micro-batch, 1F1B order) and a communication thread (exposed DP reduction, optimizer).
nlohmann::json training_trace(const Scenario& scenario, const TrainingEstimate& estimate);

}  // namespace stargate
