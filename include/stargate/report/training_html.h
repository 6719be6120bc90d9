#pragma once
// `stargate report` on a training scenario: one self-contained HTML page (inline CSS and SVG, nothing fetched)
// with the step-time breakdown chart, memory per GPU by part against the HBM capacity, the headline figures
// (step time, MFU with its peak, tokens/s, time, GPU-hours, energy and cost to train) and the plan. The figures
// are those of `stargate train --json` (same estimate; docs/report.md lists each one).
#include <string>

#include "stargate/scenario/scenario.h"
#include "stargate/sim/training_run.h"
#include "stargate/sim/training_step.h"
#include "stargate/validation/prediction_confidence.h"

namespace stargate {

// Contract: scenario.training is set and `estimate` is its plan's estimate. `confidence` (optional) adds the
// prediction's calibration source and error band under the headline, as `train` prints it.
std::string training_html_report(const Scenario& scenario, const TrainingEstimate& estimate,
                                 const TrainingRunTotals& run, const PredictionConfidence* confidence = nullptr);

}  // namespace stargate
