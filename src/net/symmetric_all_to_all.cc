// Flow classes of a tiled all-to-all on a uniform fat tree: one class inside the scale-up domain, one per tier at
// which source and destination part. Counts are per link: a link of kind k carries (GPUs below it) × (destinations
// each of them reaches through it) flows of a class, per plane.
#include "stargate/net/symmetric_all_to_all.h"

#include <algorithm>
#include <array>
#include <vector>

namespace stargate::net {
namespace {

// A tier boundary: nodes in different `nodes`-sized groups cross the `up`/`down` links of that tier (and those of
// every tier below it, as Topology::route does).
struct Boundary {
  int nodes = 0;
  LinkKind up, down;
  const char* name;
  double gpus_below_link = 0;  // GPUs whose traffic one up link of the tier carries
};

std::vector<Boundary> boundaries(const Topology& t) {
  const int nics_per_leaf_node = t.options().rail_optimized ? 1 : t.nics_per_node();
  const double gpus_per_nic = static_cast<double>(t.gpus_per_node()) / t.nics_per_node();
  std::vector<Boundary> out;
  if (t.tiers() >= 2) {
    out.push_back({t.nodes_per_leaf(), LinkKind::leaf_up, LinkKind::leaf_down, "leaf",
                   static_cast<double>(t.nodes_per_leaf()) * nics_per_leaf_node * gpus_per_nic});
  }
  if (t.tiers() == 3) {
    out.push_back({t.nodes_per_pod(), LinkKind::pod_up, LinkKind::pod_down, "pod",
                   static_cast<double>(t.nodes_per_pod()) * t.gpus_per_node()});
  }
  if (t.buildings() > 1) {
    out.push_back({t.nodes_per_building(), LinkKind::building_up, LinkKind::building_down, "building",
                   static_cast<double>(t.nodes_per_building()) * t.gpus_per_node()});
  }
  if (t.sites() > 1) {
    out.push_back({t.nodes_per_site(), LinkKind::site_up, LinkKind::site_down, "site",
                   static_cast<double>(t.nodes_per_site()) * t.gpus_per_node()});
  }
  for (Boundary& b : out) b.nodes = std::min(b.nodes, t.nodes());  // one group holding every node
  return out;
}

bool nested(int a, int b) { return a % b == 0 || b % a == 0; }

// Why the classes would not be exact for groups spanning `span` nodes of domains of `domain` nodes; "" if they are.
std::string asymmetry(const Topology& t, const std::vector<Boundary>& tiers, int domain, int span) {
  auto plural = [](const Boundary& b) { return b.name == std::string("leaf") ? std::string("leaves") : b.name + std::string("s"); };
  auto size = [&](const Boundary& b) { return plural(b) + " of " + std::to_string(b.nodes) + " nodes"; };
  for (size_t i = 0; i < tiers.size(); ++i) {
    const Boundary& b = tiers[i];
    if (t.nodes() % b.nodes != 0) {
      return "uneven nodes per " + std::string(b.name) + ": " + std::to_string(t.nodes()) + " nodes in " + size(b) +
             " (a partial last " + b.name + ")";
    }
    if (i > 0 && b.nodes % tiers[i - 1].nodes != 0) return size(tiers[i - 1]) + " do not nest in " + size(b);
    if (!nested(b.nodes, domain)) {
      return size(b) + " do not nest with scale-up domains of " + std::to_string(domain) + " nodes";
    }
    if (!nested(b.nodes, span)) return size(b) + " do not nest with all-to-all groups of " + std::to_string(span) + " nodes";
  }
  return "";
}

struct Classes {
  ClassFlowSet set;
  std::array<int, kLinkKinds> index{};  // link class of each kind, -1 until used

  Classes() { index.fill(-1); }
  int link(const Topology& t, LinkKind kind, double links) {
    int& i = index[static_cast<int>(kind)];
    if (i < 0) {
      i = static_cast<int>(set.links.size());
      set.links.push_back(LinkClass{.bytes_per_s = t.link_bytes_per_s(kind), .links = links});
    }
    return i;
  }
};

double links_of(const Topology& t, LinkKind up) {
  const double planes = t.planes();
  switch (up) {
    case LinkKind::leaf_up: return planes * t.leaves_per_plane();
    case LinkKind::pod_up: return planes * t.pods();
    case LinkKind::building_up: return planes * t.buildings();
    default: return planes * t.sites();
  }
}

// One class per tier at which a GPU's destinations part from it; `reach(level)` counts destination domains.
void add_fabric_classes(const Topology& t, const std::vector<Boundary>& tiers, int domain, int span,
                        double bytes_per_flow, Classes& c) {
  const double gpus = t.gpus(), planes = t.planes();
  const double gpus_per_nic = static_cast<double>(t.gpus_per_node()) / t.nics_per_node();
  const double nic_links = planes * t.nodes() * t.nics_per_node();
  // Domains of the group a GPU reaches without leaving a `nodes`-sized group (its own included).
  auto reach = [&](int nodes) { return nodes <= domain ? 1.0 : static_cast<double>(std::min(nodes, span)) / domain; };
  double reached = 1;  // own domain
  for (size_t level = 0; level <= tiers.size(); ++level) {
    const double upto = reach(level < tiers.size() ? tiers[level].nodes : t.nodes());
    const double destinations = upto - reached;
    reached = upto;
    if (destinations <= 0) continue;
    FlowClass fc{.flows = gpus * destinations * planes, .bytes = bytes_per_flow, .load = {}};
    fc.load.emplace_back(c.link(t, LinkKind::nic_tx, nic_links), gpus_per_nic * destinations);
    for (size_t k = 0; k < level; ++k) {
      const double per_link = tiers[k].gpus_below_link * destinations;
      fc.load.emplace_back(c.link(t, tiers[k].up, links_of(t, tiers[k].up)), per_link);
      fc.load.emplace_back(c.link(t, tiers[k].down, links_of(t, tiers[k].up)), per_link);
    }
    fc.load.emplace_back(c.link(t, LinkKind::nic_rx, nic_links), gpus_per_nic * destinations);
    c.set.classes.push_back(std::move(fc));
  }
}

}  // namespace

SymmetricAllToAll symmetric_all_to_all(const Topology& t, const CommGroup& group, double bytes_per_rank) {
  SymmetricAllToAll out;
  const int gpus = t.gpus(), domain_gpus = t.gpus_per_domain(), node_gpus = t.gpus_per_node();
  const int size = group.size, per_domain = std::clamp(group.ranks_per_domain, 1, std::max(1, size));
  const bool inside_domain = size <= per_domain;
  auto fail = [&](const std::string& why) {
    out.fallback_reason = why;
    return out;
  };
  if (size < 2 || gpus % size != 0) {
    return fail("all-to-all groups of " + std::to_string(size) + " GPUs do not tile " + std::to_string(gpus) + " GPUs");
  }
  if (!inside_domain) {
    if (gpus % domain_gpus != 0) {
      return fail(std::to_string(gpus) + " GPUs are not whole scale-up domains of " + std::to_string(domain_gpus) +
                  " (a partial last domain)");
    }
    if (size % per_domain != 0 || domain_gpus % per_domain != 0) {
      return fail("all-to-all groups of " + std::to_string(size) + " GPUs, " + std::to_string(per_domain) +
                  " per domain, straddle scale-up domains of " + std::to_string(domain_gpus));
    }
    if (gpus % (size / per_domain * domain_gpus) != 0) {
      return fail("all-to-all groups spanning " + std::to_string(size / per_domain) + " domains do not tile " +
                  std::to_string(gpus / domain_gpus) + " domains");
    }
    if (domain_gpus % node_gpus != 0) return fail("a scale-up domain is not whole nodes");
    if (node_gpus % t.nics_per_node() != 0) return fail("NICs serve unequal numbers of GPUs");
  }
  Classes c;
  const int peers_in_domain = std::min(size, per_domain) - 1;
  if (peers_in_domain > 0) {
    c.set.classes.push_back(FlowClass{
        .flows = static_cast<double>(gpus) * peers_in_domain,
        .bytes = bytes_per_rank / size,
        .load = {{c.link(t, LinkKind::scale_up_tx, gpus), peers_in_domain},
                 {c.link(t, LinkKind::scale_up_rx, gpus), peers_in_domain}}});
  }
  if (!inside_domain) {
    const std::vector<Boundary> tiers = boundaries(t);
    const int domain = domain_gpus / node_gpus, span = size / per_domain * domain;
    if (std::string why = asymmetry(t, tiers, domain, span); !why.empty()) return fail(why);
    const double bytes_per_flow = bytes_per_rank * per_domain / size / t.planes();
    add_fabric_classes(t, tiers, domain, span, bytes_per_flow, c);
  }
  out.classes = std::move(c.set);
  return out;
}

}  // namespace stargate::net
