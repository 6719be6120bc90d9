#pragma once
// Internal: the runs of a deployment's router groups (router_groups.h) and their merge. Any subset of the groups
// can be simulated in one process (oneTBB in parallel) and the states of all of them merged in another
// (simulator.h's RouterGroupExchange): the in-process path and the distributed one share both functions, so their
// results are the same bits.
#include <cstdint>
#include <functional>
#include <vector>

#include "group_state.h"
#include "request_source.h"
#include "stargate/serving/simulator.h"

namespace stargate::serving_detail {

// The requests the run of router group `group` with config `c` (router_group_config) draws: lazily from its
// workload, or from an explicit list.
using GroupSourceOf = std::function<RequestSource(const ServingConfig& c, int group)>;

// Simulates the router groups `groups` of `cfg` (distinct, each < routers): their states in the order given, a
// failed group's holding its error. Progress reports these groups' requests out of `total_requests`.
std::vector<ServingGroupState> run_router_groups(const ModelSpec& model, const Cluster& cluster,
                                                 const ServingConfig& cfg, const SimulationOptions& opt,
                                                 const GroupSourceOf& source_of, int64_t total_requests,
                                                 const std::vector<int>& groups);

// The groups' states merged in group order: states[g] must be group g's, one per router. The first failed group's
// error (in group order), else the deployment's result.
Result<ServingResult> merge_router_groups(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                                          const SimulationOptions& opt, std::vector<ServingGroupState> states);

}  // namespace stargate::serving_detail
