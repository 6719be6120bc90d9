#pragma once
// Internal: what one router group's run (router_groups.h) hands to the merge: its measurements, its replicas' use
// and its counts, or the error that stopped it. Everything the merged ServingResult needs beyond the deployment
// itself (rebuilt from the configuration), so a group simulated in another process (mpirun) merges exactly as one
// simulated here: encode_group_states / decode_group_states carry it bit for bit.
#include <cstdint>
#include <optional>
#include <vector>

#include "hardware_summary.h"
#include "serving_metrics.h"
#include "stargate/core/result.h"

namespace stargate::serving_detail {

struct ServingGroupState {
  int32_t group = 0;           // its index, < ServingDeployment::routers
  std::optional<Error> error;  // its run failed (then nothing below is set)
  Measurements measured;
  std::vector<ReplicaUse> replicas;               // its engines, in its own order
  std::vector<int32_t> pool_replicas, pool_gpus;  // per pool
  int64_t preemptions = 0, arrivals = 0, max_live_requests = 0, events = 0;
  double end_s = 0;  // simulated time of its last event
};

// The states, one after the other, as bytes (host byte order: every process of one run shares the binary and, in
// practice, the architecture).
std::vector<uint8_t> encode_group_states(const std::vector<ServingGroupState>& states);
// The states encode_group_states wrote; an internal Error when the bytes are cut short or malformed.
Result<std::vector<ServingGroupState>> decode_group_states(const std::vector<uint8_t>& bytes);

}  // namespace stargate::serving_detail
