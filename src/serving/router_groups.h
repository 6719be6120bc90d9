#pragma once
// Internal: a deployment with `routers` independent routers (ServingDeployment::routers) simulated as that many
// independent groups. Group g of G holds replicas / G of every pool and receives its own share of the workload:
//   poisson: an independent Poisson stream of rate / G (splitting a Poisson process uniformly at random gives
//            independent Poisson processes: exact);
//   gamma:   a renewal stream of rate / G with the same burstiness (coefficient of variation);
//   offline: its share of the requests, all at time 0;
//   trace:   the rows of its share, a conversation's turns (session_id) kept together.
// Requests are split as evenly as counts allow (the first requests % G groups one more). Each group draws from its
// own seed, a function of the workload's seed and g only, so the groups' results, and their merge in group order,
// do not depend on how many threads or processes simulate them.
#include <cstdint>

#include "stargate/serving/serving_config.h"

namespace stargate::serving_detail {

// The configuration group `group` (0-based, < config.deployment.routers) simulates: one router (routers = 1).
// Precondition: routers divides every pool's replicas (the scenario reader checks it).
ServingConfig router_group_config(const ServingConfig& config, int group);

// The group of the `index`-th request (in the order given) of an explicit list or trace: a conversation's turns
// (nonzero session_id) stay behind one router, other requests go round robin.
int request_group(uint64_t session_id, size_t index, int groups);

// The seed of group `group`: a SplitMix64 step of the workload's seed and the group index.
uint64_t router_group_seed(uint64_t seed, int group);

}  // namespace stargate::serving_detail
