#include "stargate/sim/pipeline_schedule.h"

#include <algorithm>

namespace stargate {

std::vector<PipelineTask> schedule_one_f_one_b(const std::vector<double>& fwd, const std::vector<double>& bwd,
                                               int m, double p2p) {
  const int p = static_cast<int>(fwd.size());
  // Each stage's program order.
  std::vector<std::vector<PipelineTask>> order(p);
  for (int s = 0; s < p; ++s) {
    const int warmup = std::min(p - s - 1, m);
    int next_f = 0, next_b = 0;
    for (int i = 0; i < warmup; ++i) order[s].push_back({s, next_f++, false});
    while (next_f < m) {
      order[s].push_back({s, next_f++, false});
      order[s].push_back({s, next_b++, true});
    }
    while (next_b < m) order[s].push_back({s, next_b++, true});
  }
  // Finish times of forward/backward per (stage, micro-batch); -1 = not yet run.
  std::vector<std::vector<double>> f_end(p, std::vector<double>(m, -1)), b_end(p, std::vector<double>(m, -1));
  std::vector<size_t> cursor(p, 0);
  std::vector<double> free_at(p, 0);
  std::vector<PipelineTask> done;
  done.reserve(static_cast<size_t>(2) * p * m);
  bool progressed = true;
  while (progressed) {
    progressed = false;
    for (int s = 0; s < p; ++s) {
      while (cursor[s] < order[s].size()) {
        PipelineTask task = order[s][cursor[s]];
        double ready = 0;
        if (!task.backward) {
          if (s > 0) {
            if (f_end[s - 1][task.micro_batch] < 0) break;
            ready = f_end[s - 1][task.micro_batch] + p2p;
          }
        } else if (s < p - 1) {
          if (b_end[s + 1][task.micro_batch] < 0) break;
          ready = b_end[s + 1][task.micro_batch] + p2p;
        } else if (f_end[s][task.micro_batch] < 0) {
          break;
        }
        task.start_seconds = std::max(ready, free_at[s]);
        task.end_seconds = task.start_seconds + (task.backward ? bwd[s] : fwd[s]);
        free_at[s] = task.end_seconds;
        (task.backward ? b_end : f_end)[s][task.micro_batch] = task.end_seconds;
        done.push_back(task);
        ++cursor[s];
        progressed = true;
      }
    }
  }
  return done;
}

double makespan_seconds(const std::vector<PipelineTask>& tasks) {
  double end = 0;
  for (const PipelineTask& t : tasks) end = std::max(end, t.end_seconds);
  return end;
}

}  // namespace stargate
