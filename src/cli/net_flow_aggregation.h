#pragma once
// `stargate net --flow`: the ranks of the simulated job and how the flow model solves an all-to-all on them.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "stargate/core/result.h"
#include "stargate/net/topology.h"
#include "stargate/perf/collective_model.h"

namespace stargate::cli {

// The --flow job's ranks: `ranks` GPUs from the first, `per_domain` in each scale-up domain, domain by domain.
std::vector<int> flow_ranks(int ranks, const net::Topology& topology, int per_domain);

// How the flow model solves an all-to-all here: by classes of equivalent flows (exact by the fabric's symmetry) or
// flow by flow, and why; an error (field --gpus) when flow by flow would need more than 10M flows (~1 GB, minutes).
// Empty for other collectives.
struct FlowAggregationInfo {
  std::string text;     // one "# flow model: ..." line
  nlohmann::json json;  // {"aggregated", "flows", "classes", "note"}; null when empty
  std::optional<Error> error;
};

FlowAggregationInfo describe_flow_aggregation(const net::Topology& t, Collective op, const std::vector<int>& ranks,
                                              int per_domain);

}  // namespace stargate::cli
