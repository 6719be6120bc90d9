// NCCL cost-model parameters. Latencies (microseconds in NCCL's tables) are the tuner's published defaults for
// NCCL 2.18-2.21 (src/graph/tuning.cc): base latency per algorithm and protocol, hardware latency per hop on NVLink
// and on the network. NVLS and CollNet use NCCL's single-hop latencies (25 us NVLink, 30 us network).
#include "stargate/net/nccl_params.h"

namespace stargate::net {
namespace {

constexpr double kUs = 1e-6;
constexpr int index(Protocol p) { return static_cast<int>(p); }

}  // namespace

std::string_view algorithm_name(Algorithm algorithm) {
  switch (algorithm) {
    case Algorithm::automatic: return "auto";
    case Algorithm::ring: return "ring";
    case Algorithm::tree: return "tree";
    case Algorithm::nvls: return "nvls";
    case Algorithm::collnet: return "collnet";
    case Algorithm::direct: return "direct";
  }
  return "?";
}

std::string_view protocol_name(Protocol protocol) {
  switch (protocol) {
    case Protocol::ll: return "LL";
    case Protocol::ll128: return "LL128";
    case Protocol::simple: return "Simple";
  }
  return "?";
}

std::optional<Algorithm> parse_algorithm(std::string_view name) {
  for (Algorithm a : {Algorithm::automatic, Algorithm::ring, Algorithm::tree, Algorithm::nvls, Algorithm::collnet,
                      Algorithm::direct}) {
    if (algorithm_name(a) == name) return a;
  }
  return std::nullopt;
}

double protocol_bandwidth_factor(Protocol protocol, bool reduction) {
  switch (protocol) {
    case Protocol::ll: return reduction ? 1.0 / 4.0 : 1.0 / 3.0;
    case Protocol::ll128: return 120.0 / 128.0;
    case Protocol::simple: return 1.0;
  }
  return 1.0;
}

double base_latency_seconds(Algorithm algorithm, Protocol protocol) {
  static constexpr double kTree[3] = {6.8, 14.0, 8.4};
  static constexpr double kRing[3] = {6.6, 14.0, 8.4};
  switch (algorithm) {
    case Algorithm::tree: return kTree[index(protocol)] * kUs;
    case Algorithm::nvls:
    case Algorithm::collnet: return 0;
    default: return kRing[index(protocol)] * kUs;
  }
}

double scale_up_hop_seconds(Algorithm algorithm, Protocol protocol) {
  static constexpr double kTree[3] = {0.6, 1.25, 4.0};
  static constexpr double kRing[3] = {0.6, 1.9, 3.4};
  switch (algorithm) {
    case Algorithm::tree: return kTree[index(protocol)] * kUs;
    case Algorithm::nvls: return 25.0 * kUs;
    case Algorithm::collnet: return 3.7 * kUs;
    default: return kRing[index(protocol)] * kUs;
  }
}

double network_hop_seconds(Algorithm algorithm, Protocol protocol) {
  static constexpr double kTree[3] = {5.0, 8.5, 14.0};
  static constexpr double kRing[3] = {2.7, 4.0, 14.0};
  switch (algorithm) {
    case Algorithm::tree: return kTree[index(protocol)] * kUs;
    case Algorithm::nvls: return 18.0 * kUs;
    case Algorithm::collnet: return 30.0 * kUs;
    default: return kRing[index(protocol)] * kUs;
  }
}

}  // namespace stargate::net
