#pragma once
// A training run: what to train on the scenario's cluster, with which batch, for how long, with which plan.
#include "stargate/mapping/grouped_gemm_launch.h"
#include "stargate/mapping/parallel_plan.h"
#include "stargate/mapping/plan_field_set.h"

namespace stargate {

struct TrainingJob {
  int seq_len = 0;                // tokens per sequence; defaults to the model's seq_len
  double global_batch_sequences = 0;  // sequences per optimizer step
  double tokens_total = 0;        // tokens to train on (for time and cost to train); 0 when not given
  // The attention kernel never stores the score matrix (FlashAttention); false = Megatron-LM's 2022 unfused
  // attention. A software setting train and search both honour (scenario `training.flash_attention`).
  bool flash_attention = true;
  // How the MoE experts' GEMMs are launched (grouped_gemm_launch.h; scenario `training.moe_grouped_gemm`:
  // one_kernel or per_expert). Another software setting train and search both honour.
  GroupedGemmLaunch moe_grouped_gemm = GroupedGemmLaunch::one_kernel;
  ParallelPlan plan;
  // Plan fields the scenario left `auto`: `plan` holds their seeds; train completes them (search/plan_completion.h).
  PlanFieldSet open_fields;
};

}  // namespace stargate
