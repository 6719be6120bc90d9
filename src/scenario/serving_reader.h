#pragma once
// Internal: reads a scenario's `serving:` section (docs/serving.md). Strict: unknown keys, missing units and
// impossible values are InputErrors naming file:line and the field.
#include "stargate/catalog/cluster.h"
#include "core/yaml_map.h"
#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate {

ServingConfig read_serving_config(YamlMap map, const ModelSpec& model, const Cluster& cluster);

// Parses a request trace: one row per request "arrival_s,input_tokens,output_tokens" (a header line is allowed).
// `file` names the CSV in errors (file:line).
std::vector<TraceRow> parse_trace_csv(const std::string& text, const std::string& file);

}  // namespace stargate
