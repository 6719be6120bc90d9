#include "stargate/sim/pipeline_schedule.h"

#include <algorithm>
#include <utility>

namespace stargate {
namespace {

// (micro-batch, model chunk) of each chunk forward in a rank's program order: Megatron-LM's get_schedule_table()
// (schedules.py), groups of p consecutive micro-batches per chunk.
std::vector<std::pair<int, int>> chunk_forward_order(int micro_batches, int chunks, int p) {
  std::vector<std::pair<int, int>> table;
  for (int first = 0; first < micro_batches; first += p) {
    const int last = std::min(first + p, micro_batches);
    for (int c = 0; c < chunks; ++c) {
      for (int mb = first; mb < last; ++mb) table.emplace_back(mb, c);
    }
  }
  return table;
}

// One rank's program: warm-up chunk forwards, then alternate one forward and one backward, then drain.
std::vector<PipelineTask> rank_program(int s, int p, int m, int v) {
  const std::vector<std::pair<int, int>> table = chunk_forward_order(m, v, p);
  const int total = m * v;
  const int warmup = std::min(total, v > 1 ? 2 * (p - s - 1) + (v - 1) * p : p - s - 1);
  auto forward = [&](int k) { return PipelineTask{.stage = s, .micro_batch = table[k].first, .chunk = table[k].second}; };
  auto backward = [&](int k) {
    return PipelineTask{.stage = s, .micro_batch = table[k].first, .backward = true, .chunk = v - 1 - table[k].second};
  };
  std::vector<PipelineTask> order;
  order.reserve(static_cast<size_t>(2) * total);
  int next_f = 0, next_b = 0;
  while (next_f < warmup) order.push_back(forward(next_f++));
  while (next_f < total) {
    order.push_back(forward(next_f++));
    order.push_back(backward(next_b++));
  }
  while (next_b < total) order.push_back(backward(next_b++));
  return order;
}

}  // namespace

std::vector<PipelineTask> schedule_one_f_one_b(const std::vector<double>& fwd, const std::vector<double>& bwd,
                                               int m, double p2p) {
  return schedule_interleaved_one_f_one_b(fwd, bwd, m, 1, p2p);
}

std::vector<PipelineTask> schedule_interleaved_one_f_one_b(const std::vector<double>& fwd,
                                                           const std::vector<double>& bwd, int m, int v,
                                                           double p2p) {
  const int p = static_cast<int>(fwd.size());
  const int virtual_stages = p * v;
  std::vector<std::vector<PipelineTask>> order(p);
  for (int s = 0; s < p; ++s) order[s] = rank_program(s, p, m, v);
  // Finish times of forward/backward per (virtual stage c·p + s, micro-batch); -1 = not yet run.
  std::vector<std::vector<double>> f_end(virtual_stages, std::vector<double>(m, -1));
  std::vector<std::vector<double>> b_end(virtual_stages, std::vector<double>(m, -1));
  std::vector<size_t> cursor(p, 0);
  std::vector<double> free_at(p, 0);
  std::vector<PipelineTask> done;
  done.reserve(static_cast<size_t>(2) * virtual_stages * m);
  bool progressed = true;
  while (progressed) {
    progressed = false;
    for (int s = 0; s < p; ++s) {
      while (cursor[s] < order[s].size()) {
        PipelineTask task = order[s][cursor[s]];
        const int k = task.chunk * p + s;
        const int mb = task.micro_batch;
        double ready = 0;
        if (!task.backward) {
          if (k > 0) {
            if (f_end[k - 1][mb] < 0) break;
            ready = f_end[k - 1][mb] + p2p;
          }
        } else if (k < virtual_stages - 1) {
          if (b_end[k + 1][mb] < 0) break;
          ready = b_end[k + 1][mb] + p2p;
        } else if (f_end[k][mb] < 0) {
          break;
        }
        task.start_seconds = std::max(ready, free_at[s]);
        task.end_seconds = task.start_seconds + (task.backward ? bwd[s] : fwd[s]) / v;
        free_at[s] = task.end_seconds;
        (task.backward ? b_end : f_end)[k][mb] = task.end_seconds;
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
