#include "stargate/report/reliability_report.h"

#include <fmt/format.h>

namespace stargate {

std::string reliability_to_text(const Scenario& s, const ReliabilityEstimate& e, const TrainingRunTotals& run) {
  std::string out = fmt::format("\nReliability ({} GPUs, {} nodes; rates in docs/reliability.md)\n", s.cluster.gpus,
                                s.cluster.nodes());
  out += fmt::format("  interruptions/day {:.2f}  (", e.interruptions_per_day);
  for (int i = 0; i < kComponentCount; ++i) {
    out += fmt::format("{}{} {:.2f}", i ? ", " : "", component_name(static_cast<Component>(i)), e.rate.per_hour[i] * 24);
  }
  out += fmt::format(")\n  MTBF {:.2f} h; checkpoint {:.1f} s every {:.1f} min (Daly; Young {:.1f} min); restart {:.0f} min\n",
                     e.mtbf_seconds / 3600, e.checkpoint_seconds, e.interval_seconds / 60,
                     young_interval_seconds(e.checkpoint_seconds, e.mtbf_seconds) / 60, e.restart_seconds / 60);
  out += fmt::format("  goodput {:.1f}%  (checkpointing {:.1f}%, lost work {:.1f}%, restarts {:.1f}%)\n",
                     e.goodput * 100, e.checkpoint_overhead * 100, e.lost_work * 100, e.restart_overhead * 100);
  if (run.wall_seconds > 0 && e.goodput > 0) {
    out += fmt::format("  with failures: {:.1f} days, {:.3g} GPU-hours\n", run.wall_seconds / e.goodput / 86400,
                       run.gpu_hours / e.goodput);
  }
  return out;
}

}  // namespace stargate
