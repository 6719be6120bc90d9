#pragma once
// A training run: what to train on the scenario's cluster, with which batch, for how long, with which plan.
#include "stargate/mapping/parallel_plan.h"

namespace stargate {

struct TrainingJob {
  int seq_len = 0;                // tokens per sequence; defaults to the model's seq_len
  double global_batch_sequences = 0;  // sequences per optimizer step
  double tokens_total = 0;        // tokens to train on (for time and cost to train); 0 when not given
  ParallelPlan plan;
};

}  // namespace stargate
