#include "stargate/sim/training_run.h"

#include <cmath>

namespace stargate {

TrainingRunTotals training_run_totals(const TrainingEstimate& e, const Cluster& cluster, double tokens_total) {
  TrainingRunTotals r;
  if (tokens_total <= 0 || e.tokens_per_step <= 0) return r;
  r.steps = std::ceil(tokens_total / e.tokens_per_step);
  r.wall_seconds = r.steps * e.step_seconds;
  r.gpu_hours = r.wall_seconds * cluster.gpus / 3600.0;
  const double node_watts = cluster.node.node_power_watts > 0
                                ? cluster.node.node_power_watts
                                : cluster.accelerator.tdp_watts * cluster.node.gpus_per_node;
  const double watts_per_gpu = node_watts / cluster.node.gpus_per_node;
  r.it_energy_joules = watts_per_gpu * cluster.gpus * r.wall_seconds;
  return r;
}

}  // namespace stargate
