#pragma once
// A scenario file: one YAML document describing the cluster, the model and the job. Every field is documented
// in docs/scenario.md. Loading is strict: unknown keys, missing units and impossible values are errors naming
// file:line:column and the field.
#include <optional>
#include <string>
#include <string_view>

#include "stargate/core/result.h"
#include "stargate/catalog/cluster.h"
#include "stargate/mapping/training_job.h"
#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate {

struct Scenario {
  std::string file;  // where it was loaded from
  std::string name;  // optional title
  Cluster cluster;
  ModelSpec model;
  std::optional<TrainingJob> training;
  std::optional<ServingConfig> serving;  // `serving:` section (docs/serving.md)
};

Result<Scenario> load_scenario_file(const std::string& path);
// `file` is only used in error messages.
Result<Scenario> parse_scenario(std::string_view text, const std::string& file);

}  // namespace stargate
