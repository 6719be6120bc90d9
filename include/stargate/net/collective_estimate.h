#pragma once
// Analytical (α–β) cost of one collective on a topology, per NCCL algorithm and protocol, with NCCL's choice of
// the cheapest: time = latency(algorithm, protocol, hops) + bytes moved per link / (bandwidth · protocol factor).
// A group is placed contiguously: `ranks_per_domain` ranks in each of `domains()` consecutive scale-up domains.
#include <optional>
#include <string_view>

#include "stargate/net/nccl_params.h"
#include "stargate/net/topology.h"
#include "stargate/perf/collective_model.h"

namespace stargate::net {

struct CollectiveEstimate {
  double seconds = 0;
  double latency_seconds = 0;  // the α part of `seconds`
  Algorithm algorithm = Algorithm::ring;
  Protocol protocol = Protocol::simple;
  double algbw_bytes_per_s = 0;  // bytes / seconds (nccl-tests "algbw")
  double busbw_bytes_per_s = 0;  // algbw · bus_bandwidth_factor (nccl-tests "busbw")
};

// "all_reduce", "all_gather", "reduce_scatter", "all_to_all", "send_recv" (and back).
std::string_view collective_name(Collective op);
std::optional<Collective> parse_collective(std::string_view name);

// nccl-tests' bus bandwidth factor: all-reduce 2(n−1)/n; all-gather, reduce-scatter and all-to-all (n−1)/n;
// send/recv 1. Contract: n ≥ 1; n = 1 gives 0 for collectives (nothing crosses a link).
double bus_bandwidth_factor(Collective op, int ranks);

// Whether `algorithm` can run `op` on `group` here: ring/tree/nvls/collnet are all-reduce algorithms (ring also
// all-gather and reduce-scatter); nvls needs NVLink SHARP and 2+ ranks per domain; collnet needs in-network
// reduction in the scale-out fabric and 2+ domains; direct is all-to-all and send/recv. automatic: always.
bool algorithm_available(const Topology& topology, Collective op, const CommGroup& group, Algorithm algorithm);

// Contract: bytes ≥ 0 as CollectiveModel counts them; a group of one rank or 0 bytes costs 0. With `algorithm`
// not available, the cheapest available one is used (the result says which). Non-decreasing in bytes.
CollectiveEstimate estimate_collective(const Topology& topology, Collective op, double bytes, const CommGroup& group,
                                       Algorithm algorithm = Algorithm::automatic);

}  // namespace stargate::net
