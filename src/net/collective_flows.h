#pragma once
// Internal: the flows one collective algorithm puts on the links (steady-state, pipelined: every edge of a ring or
// tree carries its whole share concurrently, which is how NCCL's chunked pipelines behave at large messages).
#include <vector>

#include "stargate/net/concurrent_collectives.h"

namespace stargate::net {

// Appends the flows of `job` run with `algorithm` to `flows`, owned by `owner`; `scale` multiplies every flow's
// bytes (1 / the protocol's bandwidth factor). Fabric flows are split evenly across planes.
void add_collective_flows(const Topology& topology, const CollectiveJob& job, Algorithm algorithm, double scale,
                          int owner, FlowSet& flows);

}  // namespace stargate::net
