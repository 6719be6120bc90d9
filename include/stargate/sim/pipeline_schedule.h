#pragma once
// Event-level 1F1B pipeline schedule (PipeDream-Flush / Megatron): when each stage runs the forward and
// backward of each micro-batch, given per-stage times. Used for the Chrome trace and to check the analytical
// bubble formula.
#include <vector>

namespace stargate {

struct PipelineTask {
  int stage = 0;
  int micro_batch = 0;
  bool backward = false;
  double start_seconds = 0;
  double end_seconds = 0;
};

// Contract: forward/backward have one entry per stage (seconds per micro-batch), micro_batches ≥ 1.
// A forward on stage s waits for the same micro-batch's forward on s−1; a backward on s waits for s+1's;
// each stage runs p−s−1 warm-up forwards, then alternates one forward and one backward, then drains.
std::vector<PipelineTask> schedule_one_f_one_b(const std::vector<double>& forward_seconds,
                                               const std::vector<double>& backward_seconds, int micro_batches,
                                               double p2p_seconds);

double makespan_seconds(const std::vector<PipelineTask>& tasks);

}  // namespace stargate
