#pragma once
// Rendering of a training estimate (`stargate train`): a terminal table, JSON with unit-suffixed field names, and
// Chrome trace events of one iteration (open in Perfetto or chrome://tracing). Every function returns the text
// to print or write.
#include <optional>
#include <string>

#include "stargate/reliability/goodput.h"
#include "stargate/scenario/scenario.h"
#include "stargate/search/plan_completion.h"
#include "stargate/sim/training_run.h"
#include "stargate/sim/training_step.h"
#include "stargate/validation/prediction_confidence.h"

namespace stargate {

// With `confidence`, a last line saying where the numbers come from and the validated error band.
std::string training_to_text(const Scenario& scenario, const TrainingEstimate& estimate, const TrainingRunTotals& run,
                             const PredictionConfidence* confidence = nullptr);
// Indented JSON ending in a newline; with `reliability`, a "reliability" member (see reliability_report.h); with
// `completion` (a plan with `auto` fields), a "completion" member (see plan_completion_report.h); with
// `confidence`, a "confidence" member (calibration source and error band, see confidence_report.h).
std::string training_to_json(const Scenario& scenario, const TrainingEstimate& estimate, const TrainingRunTotals& run,
                             const std::optional<ReliabilityEstimate>& reliability = std::nullopt,
                             const PlanCompletion* completion = nullptr,
                             const PredictionConfidence* confidence = nullptr);

// One iteration as trace events, one compact JSON line without a newline: a process per pipeline stage with a
// compute thread (forward/backward per micro-batch, 1F1B order) and a communication thread (exposed DP
// reduction, optimizer).
std::string training_trace(const Scenario& scenario, const TrainingEstimate& estimate);

}  // namespace stargate
