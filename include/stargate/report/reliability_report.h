#pragma once
// Rendering of a training run's reliability (`stargate train --reliability`, docs/reliability.md): the text
// block after the train table. The JSON form is training_to_json's "reliability" member.
#include <string>

#include "stargate/reliability/goodput.h"
#include "stargate/scenario/scenario.h"
#include "stargate/sim/training_run.h"

namespace stargate {

// Interruptions/day by component, MTBF, Young/Daly interval, goodput, and the run's wall time and GPU-hours
// with failures.
std::string reliability_to_text(const Scenario& scenario, const ReliabilityEstimate& estimate,
                                const TrainingRunTotals& run);

}  // namespace stargate
