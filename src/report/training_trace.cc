// Chrome trace of one training iteration (see training_report.h).
#include "json_text.h"
#include "stargate/report/training_report.h"
#include "stargate/sim/pipeline_schedule.h"

#include <algorithm>

namespace stargate {

std::string training_trace(const Scenario& s, const TrainingEstimate& e) {
  constexpr double kMicroseconds = 1e6;  // trace timestamps are in microseconds
  nlohmann::json events = nlohmann::json::array();
  const int p = static_cast<int>(e.stage_forward_seconds.size());
  for (int stage = 0; stage < p; ++stage) {
    events.push_back({{"ph", "M"}, {"name", "process_name"}, {"pid", stage}, {"args", {{"name", "pipeline stage " + std::to_string(stage)}}}});
    events.push_back({{"ph", "M"}, {"name", "thread_name"}, {"pid", stage}, {"tid", 0}, {"args", {{"name", "compute"}}}});
    events.push_back({{"ph", "M"}, {"name", "thread_name"}, {"pid", stage}, {"tid", 1}, {"args", {{"name", "communication"}}}});
  }
  // The schedule the step time assumes: interleaved 1F1B with vpp model chunks per stage (plain 1F1B at vpp 1).
  const int chunks = s.training ? std::max(1, s.training->plan.vpp) : 1;
  const std::vector<PipelineTask> tasks = schedule_interleaved_one_f_one_b(
      e.stage_forward_seconds, e.stage_backward_seconds, e.micro_batches, chunks, e.p2p_seconds);
  for (const PipelineTask& t : tasks) {
    const std::string chunk = chunks > 1 ? "." + std::to_string(t.chunk) : "";
    events.push_back({{"ph", "X"},
                      {"name", (t.backward ? "B" : "F") + std::to_string(t.micro_batch) + chunk},
                      {"cat", t.backward ? "backward" : "forward"},
                      {"pid", t.stage},
                      {"tid", 0},
                      {"ts", t.start_seconds * kMicroseconds},
                      {"dur", (t.end_seconds - t.start_seconds) * kMicroseconds}});
  }
  const double end = makespan_seconds(tasks);
  for (int stage = 0; stage < p; ++stage) {
    double t0 = end;
    if (e.breakdown.dp_comm_seconds > 0) {
      events.push_back({{"ph", "X"}, {"name", "DP gradient reduction (exposed)"}, {"cat", "communication"}, {"pid", stage},
                        {"tid", 1}, {"ts", t0 * kMicroseconds}, {"dur", e.breakdown.dp_comm_seconds * kMicroseconds}});
      t0 += e.breakdown.dp_comm_seconds;
    }
    events.push_back({{"ph", "X"}, {"name", "optimizer step"}, {"cat", "optimizer"}, {"pid", stage}, {"tid", 0},
                      {"ts", t0 * kMicroseconds}, {"dur", e.breakdown.optimizer_seconds * kMicroseconds}});
  }
  return report_detail::chrome_trace_text(
      std::move(events),
      {{"scenario", s.file},
       {"model", s.model.id},
       {"schedule", chunks > 1 ? "interleaved 1F1B, " + std::to_string(chunks) + " model chunks per stage (F<micro-batch>.<chunk>)"
                               : std::string("1F1B")}});
}

}  // namespace stargate
