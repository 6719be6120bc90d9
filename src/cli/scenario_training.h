#pragma once
// The training estimate of a scenario as `stargate train` computes it, shared with `stargate report`: the plan's
// `auto` fields completed (the plan search restricted to them), the step estimated, an error when it does not fit.
#include <optional>

#include "stargate/core/result.h"
#include "stargate/scenario/scenario.h"
#include "stargate/search/plan_completion.h"
#include "stargate/sim/training_run.h"
#include "stargate/sim/training_step.h"

namespace stargate::cli {

struct ScenarioTraining {
  std::optional<PlanCompletion> completion;  // set when the plan had `auto` fields
  TrainingEstimate estimate;
  TrainingRunTotals run;
};

// Completes `scenario`'s plan in place. Errors: no training: section, no completion that fits, a plan over HBM.
Result<ScenarioTraining> estimate_scenario_training(Scenario& scenario);

}  // namespace stargate::cli
