#pragma once
// `stargate train SCENARIO --reliability`: failures, checkpoint interval and goodput of the scenario's training
// run (docs/reliability.md). The lead wires these into train_command.cc.
#include <nlohmann/json.hpp>
#include <string>

#include "stargate/reliability/goodput.h"
#include "stargate/scenario/scenario.h"
#include "stargate/sim/training_run.h"
#include "stargate/sim/training_step.h"

namespace stargate::cli {

// Reliability of a run on the scenario's cluster with default rates (Meta RSC node rate, Alibaba link/switch
// rates), δ = checkpoint of the model's weights and Adam states at 2 TB/s, R = 15 min.
ReliabilityEstimate scenario_reliability(const Scenario& scenario);

// Text block appended to the train table: interruptions/day by component, MTBF, Young/Daly interval, goodput,
// and the run's wall time and GPU-hours with failures.
std::string reliability_text(const Scenario& scenario, const TrainingRunTotals& run);
nlohmann::json reliability_json(const Scenario& scenario, const TrainingRunTotals& run);

}  // namespace stargate::cli
