#include "stargate/net/algorithm_choice.h"

#include "stargate/net/collective_estimate.h"

namespace stargate::net {

namespace {

// Why an algorithm cannot run, as a code: the availability check runs on every collective estimate (searches
// price millions of plans), so it builds no text; algorithm_unavailable_reason words the code for output.
enum class Unavailable {
  none, pairwise_only, not_pairwise, all_reduce_only, no_scale_up_reduction, one_rank_per_domain,
  no_fabric_reduction, one_domain, unknown
};

Unavailable unavailability(const Topology& t, Collective op, const CommGroup& group, Algorithm a) {
  const bool pairwise = op == Collective::all_to_all || op == Collective::send_recv;
  switch (a) {
    case Algorithm::automatic: return Unavailable::none;
    case Algorithm::direct: return pairwise ? Unavailable::none : Unavailable::pairwise_only;
    case Algorithm::ring: return pairwise ? Unavailable::not_pairwise : Unavailable::none;
    case Algorithm::tree: return op == Collective::all_reduce ? Unavailable::none : Unavailable::all_reduce_only;
    case Algorithm::nvls:
      if (op != Collective::all_reduce) return Unavailable::all_reduce_only;
      if (!t.options().scale_up_reduction) return Unavailable::no_scale_up_reduction;
      if (group.ranks_per_domain <= 1) return Unavailable::one_rank_per_domain;
      return Unavailable::none;
    case Algorithm::collnet:
      if (op != Collective::all_reduce) return Unavailable::all_reduce_only;
      if (!t.fabric_reduction()) return Unavailable::no_fabric_reduction;
      if (group.domains() <= 1) return Unavailable::one_domain;
      return Unavailable::none;
  }
  return Unavailable::unknown;
}

}  // namespace

std::string algorithm_unavailable_reason(const Topology& t, Collective op, const CommGroup& group, Algorithm a) {
  const std::string name(algorithm_name(a));
  switch (unavailability(t, op, group, a)) {
    case Unavailable::none: return "";
    case Unavailable::pairwise_only: return name + " runs only all_to_all and send_recv";
    case Unavailable::not_pairwise: return name + " does not run " + std::string(collective_name(op));
    case Unavailable::all_reduce_only: return name + " runs only all_reduce";
    case Unavailable::no_scale_up_reduction:
      return "node " + t.cluster().node.id + " has scale_up_reduction: false (no NVLink SHARP)";
    case Unavailable::one_rank_per_domain: return "one rank per scale-up domain";
    case Unavailable::no_fabric_reduction:
      return "fabric " + t.cluster().fabric.id +
             " has in_network_reduction: false (SHARP not enabled; --in-network-reduction or a fabric override "
             "enables it)";
    case Unavailable::one_domain: return "the group fits in one scale-up domain";
    case Unavailable::unknown: break;
  }
  return "unknown algorithm";
}

bool algorithm_available(const Topology& t, Collective op, const CommGroup& group, Algorithm a) {
  return unavailability(t, op, group, a) == Unavailable::none;
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
