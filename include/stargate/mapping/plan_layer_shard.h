#pragma once
// How a plan cuts one GPU's share of each transformer layer (the LayerShard the operator list, the stage timing
// and the memory model share), with the MoE routing imbalance of the busiest expert rank.
#include "stargate/mapping/parallel_plan.h"
#include "stargate/workload/layer_operators.h"
#include "stargate/workload/model.h"

namespace stargate {

// Busiest expert rank's routed rows over the mean: the plan's `expert_imbalance` when set, else with token dropping
// (`expert_capacity_factor` > 0) the padded capacity over the mean (padded_capacity_load), else the expected
// maximum under balanced random routing (expected_expert_load_imbalance) of the rows the rank gathers. 1 for
// dense models and ep = 1.
double plan_expert_imbalance(const ModelSpec& model, const ParallelPlan& plan, int seq_len);

LayerShard plan_layer_shard(const ModelSpec& model, const ParallelPlan& plan, int seq_len, bool flash_attention);

}  // namespace stargate
