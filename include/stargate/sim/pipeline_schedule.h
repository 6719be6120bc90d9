#pragma once
// Event-level 1F1B pipeline schedule (PipeDream-Flush / Megatron), plain or interleaved: when each stage runs the
// forward and backward of each micro-batch (and model chunk), given per-stage times. Used for the Chrome trace and
// to check the analytical bubble formula.
#include <vector>

namespace stargate {

struct PipelineTask {
  int stage = 0;
  int micro_batch = 0;
  bool backward = false;
  int chunk = 0;  // model chunk (virtual stage chunk·p + stage) under interleaving; 0 otherwise
  double start_seconds = 0;
  double end_seconds = 0;
};

// Contract: forward/backward have one entry per stage (seconds per micro-batch), micro_batches ≥ 1.
// A forward on stage s waits for the same micro-batch's forward on s−1; a backward on s waits for s+1's;
// each stage runs p−s−1 warm-up forwards, then alternates one forward and one backward, then drains.
std::vector<PipelineTask> schedule_one_f_one_b(const std::vector<double>& forward_seconds,
                                               const std::vector<double>& backward_seconds, int micro_batches,
                                               double p2p_seconds);

// Interleaved 1F1B (Narayanan et al. 2021; Megatron-LM forward_backward_pipelining_with_interleaving): each
// stage holds `chunks` model chunks of 1/chunks of its layers (virtual stage c·p + s) and so takes
// forward/backward ÷ chunks per chunk. Rank s warms up with 2·(p−s−1) + (chunks−1)·p chunk forwards (capped at
// m·chunks), in Megatron's order (groups of p micro-batches per chunk); chunks = 1 is schedule_one_f_one_b.
// Contract: chunks ≥ 1; with chunks > 1, micro_batches ≥ p (Megatron's requirement) so no rank stalls forever.
std::vector<PipelineTask> schedule_interleaved_one_f_one_b(const std::vector<double>& forward_seconds,
                                                           const std::vector<double>& backward_seconds,
                                                           int micro_batches, int chunks, double p2p_seconds);

double makespan_seconds(const std::vector<PipelineTask>& tasks);

}  // namespace stargate
