#pragma once
// Internal: reads a scenario's `training:` section and checks its plan against the model and cluster.
#include "core/yaml_map.h"
#include "stargate/catalog/cluster.h"
#include "stargate/mapping/training_job.h"
#include "stargate/workload/model.h"

namespace stargate {

TrainingJob read_training_job(YamlMap map, const ModelSpec& model, const Cluster& cluster);

// Reads a `plan:` mapping onto `plan` (fields absent keep their values). A field written `auto` keeps its value
// as a seed and is added to `open`.
void read_parallel_plan(YamlMap& map, ParallelPlan& plan, PlanFieldSet& open);

}  // namespace stargate
