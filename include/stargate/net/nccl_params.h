#pragma once
// NCCL's algorithms and protocols, and the parameters of its cost model: per-protocol latencies, bandwidth
// factors and link efficiencies. Values follow NCCL's own tuner (src/graph/tuning.cc, NCCL 2.18-2.21: base and
// per-hop latencies, LL/LL128 bandwidth factors) and protocol facts; docs/net.md lists each with its source.
#include <optional>
#include <string>
#include <string_view>

namespace stargate::net {

enum class Algorithm {
  automatic,  // the cheapest available, as NCCL's tuner picks
  ring,       // NCCL ring through every rank (rail-aligned between domains)
  tree,       // chain inside the domain, double binary tree across domains
  nvls,       // NVLink SHARP inside the domain (+ tree across domains when the group spans several)
  collnet,    // in-network reduction in the scale-out fabric (InfiniBand SHARP) across domains, NVLink inside
  direct,     // pairwise: all-to-all and send/recv (the only algorithm NCCL has for them)
};
enum class Protocol { ll, ll128, simple };

std::string_view algorithm_name(Algorithm algorithm);  // "auto", "ring", "tree", "nvls", "collnet", "direct"
std::string_view protocol_name(Protocol protocol);     // "LL", "LL128", "Simple"
std::optional<Algorithm> parse_algorithm(std::string_view name);

// Achievable payload fraction of NVLink line rate under NCCL's Simple protocol. NVLink moves data in 16-byte flits
// with a header flit per 128-byte write and credit/ack flits the other way (~0.85 payload efficiency), and the
// Simple protocol's slice synchronization costs ~10% more; one value for NVLink 2 to 5 (an estimate, not fitted).
inline constexpr double kScaleUpEfficiency = 0.75;
// InfiniBand/RoCE payload fraction with NCCL's network proxy: 4 KiB MTU with ~70 B of headers (0.98) and the
// proxy's chunk pipelining (~0.94).
inline constexpr double kNetworkEfficiency = 0.92;

// Bandwidth factor of a protocol relative to Simple. LL: 8-byte stores carrying 4 data bytes plus a flag, and
// NCCL models a further 2x loss for reductions (1/4; 1/3 otherwise). LL128: 120 data bytes per 128-byte line.
double protocol_bandwidth_factor(Protocol protocol, bool reduction);

// Latencies in seconds (NCCL tuner's base latency per algorithm/protocol and per-hop latency per medium).
double base_latency_seconds(Algorithm algorithm, Protocol protocol);
double scale_up_hop_seconds(Algorithm algorithm, Protocol protocol);
double network_hop_seconds(Algorithm algorithm, Protocol protocol);  // NIC + proxy, without switch hops

}  // namespace stargate::net
