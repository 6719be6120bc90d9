#pragma once
// `stargate train SCENARIO --reliability`: failures, checkpoint interval and goodput of the scenario's training
// run (docs/reliability.md); report/reliability_report.h renders them.
#include "stargate/reliability/goodput.h"
#include "stargate/scenario/scenario.h"

namespace stargate::cli {

// Reliability of a run on the scenario's cluster with default rates (Meta RSC node rate, Alibaba link/switch
// rates), δ = checkpoint of the model's weights and Adam states at 2 TB/s, R = 15 min.
ReliabilityEstimate scenario_reliability(const Scenario& scenario);

}  // namespace stargate::cli
