#pragma once
// `stargate train` as data: a scenario's training plan completed (its `auto` fields searched), one step estimated,
// and the run totals. The command line and the Python package both call it; only report/ renders the result.
#include <optional>

#include "stargate/core/result.h"
#include "stargate/scenario/scenario.h"
#include "stargate/search/plan_completion.h"
#include "stargate/sim/training_run.h"
#include "stargate/sim/training_step.h"
#include "stargate/validation/prediction_confidence.h"

namespace stargate {

struct TrainJobResult {
  TrainingJob job;                          // the scenario's job with its plan completed (no open fields left)
  std::optional<PlanCompletion> completion;  // set when the scenario left plan fields `auto`
  TrainingEstimate estimate;
  TrainingRunTotals totals;  // time, GPU-hours and energy for the job's tokens_total
  PredictionConfidence confidence;  // where the numbers come from and the error band of their class
};

// Errors (on the scenario's file, exit code 2 on the command line): no `training:` section; no completion of
// the `auto` fields fits; the plan does not fit in HBM (with the fastest plans that do, fitting_plans.h).
Result<TrainJobResult> run_train_job(const Scenario& scenario);

}  // namespace stargate
