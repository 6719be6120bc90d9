#include "stargate/net/algorithm_choice.h"

#include "stargate/net/collective_estimate.h"

namespace stargate::net {

std::string algorithm_unavailable_reason(const Topology& t, Collective op, const CommGroup& group, Algorithm a) {
  const bool pairwise = op == Collective::all_to_all || op == Collective::send_recv;
  const std::string op_name(collective_name(op));
  switch (a) {
    case Algorithm::automatic: return "";
    case Algorithm::direct: return pairwise ? "" : "direct runs only all_to_all and send_recv";
    case Algorithm::ring: return pairwise ? "ring does not run " + op_name : "";
    case Algorithm::tree: return op == Collective::all_reduce ? "" : "tree runs only all_reduce";
    case Algorithm::nvls:
      if (op != Collective::all_reduce) return "nvls runs only all_reduce";
      if (!t.options().scale_up_reduction) {
        return "node " + t.cluster().node.id + " has scale_up_reduction: false (no NVLink SHARP)";
      }
      if (group.ranks_per_domain <= 1) return "one rank per scale-up domain";
      return "";
    case Algorithm::collnet:
      if (op != Collective::all_reduce) return "collnet runs only all_reduce";
      if (!t.fabric_reduction()) {
        return "fabric " + t.cluster().fabric.id +
               " has in_network_reduction: false (SHARP not enabled; --in-network-reduction or a fabric override "
               "enables it)";
      }
      if (group.domains() <= 1) return "the group fits in one scale-up domain";
      return "";
  }
  return "unknown algorithm";
}

bool algorithm_available(const Topology& t, Collective op, const CommGroup& group, Algorithm a) {
  return algorithm_unavailable_reason(t, op, group, a).empty();
}

std::vector<AlgorithmOption> algorithm_options(const Topology& t, Collective op, const CommGroup& group) {
  std::vector<AlgorithmOption> out;
  for (Algorithm a : {Algorithm::ring, Algorithm::tree, Algorithm::nvls, Algorithm::collnet, Algorithm::direct}) {
    std::string reason = algorithm_unavailable_reason(t, op, group, a);
    out.push_back({.algorithm = a, .available = reason.empty(), .reason = std::move(reason)});
  }
  return out;
}

}  // namespace stargate::net
