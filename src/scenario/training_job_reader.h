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

// A plan's `offload:` (host_offload_reader.cc): `none`, or a mapping of weights / activations / optimizer, each
// true, false or a share in [0, 1].
HostOffload read_host_offload(const YamlValue& value);
// Fails on `value` when the node cannot run `offload`: no host link in the catalog, or no host DRAM bandwidth for
// the CPU optimizer step.
void check_host_offload(const HostOffload& offload, const NodeSpec& node, const YamlValue& value);

}  // namespace stargate
