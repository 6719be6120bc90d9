#include "reliability_output.h"

#include <fmt/format.h>

#include "stargate/workload/model.h"

namespace stargate::cli {

ReliabilityEstimate scenario_reliability(const Scenario& s) {
  ReliabilityOptions options;
  options.checkpoint_seconds = checkpoint_write_seconds(count_parameters(s.model).total(), kLlama3StorageBytesPerS);
  return estimate_reliability(composition_for(s.cluster.gpus, s.cluster.node.gpus_per_node), options);
}

std::string reliability_text(const Scenario& s, const TrainingRunTotals& run) {
  const ReliabilityEstimate e = scenario_reliability(s);
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

nlohmann::json reliability_json(const Scenario& s, const TrainingRunTotals& run) {
  const ReliabilityEstimate e = scenario_reliability(s);
  nlohmann::json by = nlohmann::json::object();
  for (int i = 0; i < kComponentCount; ++i) by[std::string(component_name(static_cast<Component>(i)))] = e.rate.per_hour[i] * 24;
  return {{"interruptions_per_day", e.interruptions_per_day},
          {"interruptions_per_day_by_component", by},
          {"mtbf_hours", e.mtbf_seconds / 3600},
          {"checkpoint_seconds", e.checkpoint_seconds},
          {"checkpoint_interval_seconds", e.interval_seconds},
          {"young_interval_seconds", young_interval_seconds(e.checkpoint_seconds, e.mtbf_seconds)},
          {"restart_seconds", e.restart_seconds},
          {"goodput", e.goodput},
          {"checkpoint_overhead", e.checkpoint_overhead},
          {"lost_work", e.lost_work},
          {"restart_overhead", e.restart_overhead},
          {"wall_seconds_with_failures", e.goodput > 0 ? run.wall_seconds / e.goodput : 0},
          {"gpu_hours_with_failures", e.goodput > 0 ? run.gpu_hours / e.goodput : 0}};
}

}  // namespace stargate::cli
