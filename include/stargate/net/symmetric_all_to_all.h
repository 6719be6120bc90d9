#pragma once
// All-to-all on a whole fabric by symmetry (flow_classes.h): concurrent all-to-alls in groups that tile the
// cluster (one group: the whole cluster; many: every expert-parallel group of a job at once), with the flows
// collective_flows.cc emits for Algorithm::direct (inside a domain to every peer; across domains to the
// rail-matched rank, split over the planes). A group of `size` ranks with `per_domain` of them in each scale-up
// domain spans size / per_domain consecutive domains; domain / per_domain groups interleave there (rank i of a
// strided group, e.g. expert-parallel ranks tp apart, sits on the same local GPU index in every domain). Flows are grouped by the tier at which source and
// destination part (same leaf group, same pod, same building, same site, elsewhere); on a uniform fabric every
// link of a kind carries the same number of flows of each such class, so the class solution is the per-flow one.
#include <optional>
#include <string>

#include "stargate/mapping/comm_group.h"
#include "stargate/net/flow_classes.h"
#include "stargate/net/topology.h"

namespace stargate::net {

struct SymmetricAllToAll {
  std::optional<ClassFlowSet> classes;  // set when the aggregation is exact
  std::string fallback_reason;          // otherwise: which symmetry does not hold ("uneven nodes per leaf: ...")
};

// Contract: works on summaries (build_topology_summary) and full topologies; `bytes_per_rank` is what each rank
// sends in all (already divided by the protocol's bandwidth factor). Aggregation is exact only when: the groups
// tile the cluster; a group lies inside one scale-up domain or has per_domain ranks in each of its domains, which
// per_domain divides; a domain is whole nodes and every
// NIC serves as many GPUs; leaf groups, pods, buildings and sites are full (no uneven nodes per leaf, no partial
// last pod) and nest in each other, in the domains and in the groups. Otherwise `classes` is empty and the caller
// falls back to the per-flow model (or the analytical one).
SymmetricAllToAll symmetric_all_to_all(const Topology& topology, const CommGroup& group, double bytes_per_rank);

}  // namespace stargate::net
