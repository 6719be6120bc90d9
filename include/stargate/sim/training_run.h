#pragma once
// A whole training run from one step estimate: wall time, GPU-hours and energy to train a token budget.
#include "stargate/catalog/cluster.h"
#include "stargate/sim/training_step.h"

namespace stargate {

struct TrainingRunTotals {
  double steps = 0;
  double wall_seconds = 0;     // without failures or restarts (see reliability)
  double gpu_hours = 0;
  double it_energy_joules = 0; // nodes at their catalog maximum power for the whole run
};

// Contract: estimate.tokens_per_step > 0. tokens_total = 0 gives zeros.
TrainingRunTotals training_run_totals(const TrainingEstimate& estimate, const Cluster& cluster, double tokens_total);

}  // namespace stargate
