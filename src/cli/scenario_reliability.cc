#include "scenario_reliability.h"

#include "stargate/workload/model.h"

namespace stargate::cli {

ReliabilityEstimate scenario_reliability(const Scenario& s) {
  ReliabilityOptions options;
  options.checkpoint_seconds = checkpoint_write_seconds(count_parameters(s.model).total(), kLlama3StorageBytesPerS);
  return estimate_reliability(composition_for(s.cluster.gpus, s.cluster.node.gpus_per_node), options);
}

}  // namespace stargate::cli
