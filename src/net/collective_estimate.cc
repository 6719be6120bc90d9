// Per-algorithm α–β costs. Bandwidth terms count the bytes each rank's busiest link carries (Thakur et al. 2005;
// NCCL's rail-aligned rings and double binary trees, Sanders et al. 2009); latency terms count the hops one chunk
// makes, each at NCCL's per-hop latency for the medium plus switch and long-haul delays.
#include "stargate/net/collective_estimate.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace stargate::net {
namespace {

struct Shape {
  double n = 1, g = 1, d = 1;  // ranks, ranks per domain, domains
  int span_nodes = 1;          // nodes the group's domains cover
};

Shape shape_of(const Topology& t, const CommGroup& group) {
  Shape s;
  s.n = group.size;
  s.g = std::clamp(group.ranks_per_domain, 1, group.size);
  s.d = group.domains();
  s.span_nodes = std::max(1, static_cast<int>(s.d) * std::max(1, t.gpus_per_domain() / t.gpus_per_node()));
  return s;
}

// How much slower than its NIC a GPU's traffic is when spread evenly over the span: the fraction leaving each tier
// times that tier's oversubscription (≥ 1).
double spread_slowdown(const Topology& t, int span) {
  const TopologyOptions& o = t.options();
  auto crossing = [span](int inside) { return span > inside ? double(span - inside) / span : 0.0; };
  const double leaf = std::max(1.0, o.leaf_oversubscription);
  const double pod = leaf * std::max(1.0, o.spine_oversubscription);
  const double building = pod * std::max(1.0, o.cross_building_oversubscription);
  const double site = building * std::max(1.0, o.cross_site_oversubscription);
  double f = 1;
  if (t.tiers() >= 2) f = std::max(f, leaf * crossing(t.nodes_per_leaf()));
  if (t.tiers() == 3) f = std::max(f, pod * crossing(t.nodes_per_pod()));
  f = std::max(f, building * crossing(t.nodes_per_building()));
  f = std::max(f, site * crossing(t.nodes_per_site()));
  return f;
}

// Long-haul latency one chunk pays per lap of a ring (or per tree traversal) over the span.
double long_haul_seconds(const Topology& t, int span) {
  const TopologyOptions& o = t.options();
  double s = 0;
  if (span > t.nodes_per_building()) s += 2 * o.cross_building_latency_seconds;
  if (span > t.nodes_per_site()) s += 2 * o.cross_site_latency_seconds;
  return s;
}

// Switch hops of a typical path between domains: same leaf for rail-aligned ring neighbours, else up and down.
double switch_path_seconds(const Topology& t, int span, bool neighbours) {
  int hops = 1;
  if (!neighbours && t.tiers() >= 2 && span > t.nodes_per_leaf()) hops = 3;
  if (!neighbours && t.tiers() == 3 && span > t.nodes_per_pod()) hops = 5;
  return hops * t.switch_hop_seconds();
}

struct Cost {
  double latency = 0;
  double bandwidth_seconds = 0;  // at the Simple protocol's bandwidth
};

Cost ring_cost(const Topology& t, Collective op, double bytes, const Shape& s, Protocol p) {
  const double laps = op == Collective::all_reduce ? 2 : 1;
  const double per_rank = bytes * laps * (s.n - 1) / s.n;  // bytes each rank sends around the ring
  Cost c;
  if (s.d <= 1) {
    c.bandwidth_seconds = per_rank / t.scale_up_bytes_per_s();
  } else {
    // g rail-aligned rings per domain: (g−1)/g of the edges on NVLink, 1/g on each GPU's NIC.
    c.bandwidth_seconds = per_rank * std::max((s.g - 1) / s.g / t.scale_up_bytes_per_s(),
                                              1.0 / (s.g * t.nic_bytes_per_s()));
  }
  const double inter_hops = s.d - 1, intra_hops = (s.n - 1) - inter_hops;
  const double net_hop = network_hop_seconds(Algorithm::ring, p) + switch_path_seconds(t, s.span_nodes, true);
  c.latency = base_latency_seconds(Algorithm::ring, p) +
              laps * (intra_hops * scale_up_hop_seconds(Algorithm::ring, p) + inter_hops * net_hop) +
              (s.d > 1 ? laps * long_haul_seconds(t, s.span_nodes) / 2 : 0);
  return c;
}

double tree_depth(double d) { return d > 1 ? std::ceil(std::log2(d)) : 0; }

// Across domains, a double binary tree: each domain sends and receives 2·bytes in all, over its g NICs.
double tree_inter_seconds(const Topology& t, double bytes, const Shape& s) {
  return 2 * bytes / (s.g * t.nic_bytes_per_s()) * spread_slowdown(t, s.span_nodes);
}

double tree_inter_latency(const Topology& t, const Shape& s, Algorithm a, Protocol p) {
  if (s.d <= 1) return 0;
  const double hop = network_hop_seconds(a, p) + switch_path_seconds(t, s.span_nodes, false);
  return 2 * tree_depth(s.d) * hop + long_haul_seconds(t, s.span_nodes);
}

Cost tree_cost(const Topology& t, double bytes, const Shape& s, Protocol p) {
  Cost c;
  // Inside the domain a chain: each rank sends the whole buffer up (reduce) and back down (broadcast).
  const double intra = s.g > 1 ? 2 * bytes / t.scale_up_bytes_per_s() : 0;
  c.bandwidth_seconds = std::max(intra, s.d > 1 ? tree_inter_seconds(t, bytes, s) : 0);
  c.latency = base_latency_seconds(Algorithm::tree, p) +
              2 * (s.g - 1) * scale_up_hop_seconds(Algorithm::tree, p) + tree_inter_latency(t, s, Algorithm::tree, p);
  return c;
}

// NVLink SHARP: each rank sends its buffer into the switch (plus its reduced shard back out as a multicast store)
// and receives its reduced shard plus every multicast shard: bytes·(g+1)/g each way.
double nvls_intra_seconds(const Topology& t, double bytes, const Shape& s) {
  return bytes * (s.g + 1) / s.g / t.scale_up_bytes_per_s();
}

Cost nvls_cost(const Topology& t, double bytes, const Shape& s) {
  Cost c;
  const double intra = nvls_intra_seconds(t, bytes, s);
  // Across domains (NVLS-tree): each rank's reduced shard bytes/g goes through the double binary tree.
  const double inter = s.d > 1 ? tree_inter_seconds(t, bytes, s) : 0;
  c.bandwidth_seconds = std::max(intra, inter);
  c.latency = scale_up_hop_seconds(Algorithm::nvls, Protocol::simple) +
              tree_inter_latency(t, s, Algorithm::nvls, Protocol::simple);
  return c;
}

// Scale-out in-network reduction (InfiniBand SHARP): each GPU's shard goes up the switch tree once and comes back
// once, so a domain's NICs carry bytes each way; inside the domain a reduce-scatter and all-gather (or NVLS).
Cost collnet_cost(const Topology& t, double bytes, const Shape& s) {
  Cost c;
  double intra = 2 * bytes * (s.g - 1) / s.g / t.scale_up_bytes_per_s();
  if (t.options().scale_up_reduction && s.g > 1) intra = std::min(intra, nvls_intra_seconds(t, bytes, s));
  c.bandwidth_seconds = std::max(intra, bytes / (s.g * t.nic_bytes_per_s()));
  c.latency = scale_up_hop_seconds(Algorithm::collnet, Protocol::simple) +
              network_hop_seconds(Algorithm::collnet, Protocol::simple) +
              2 * switch_path_seconds(t, s.span_nodes, false) + long_haul_seconds(t, s.span_nodes);
  return c;
}

// All-to-all: bytes/n to every other rank, NVLink inside the domain, the NIC (rail-matched through NVLink, PXN)
// outside it. Send/recv: one message between two ranks.
Cost direct_cost(const Topology& t, Collective op, double bytes, const Shape& s, Protocol p) {
  Cost c;
  const double net_hop = network_hop_seconds(Algorithm::ring, p) + switch_path_seconds(t, s.span_nodes, false);
  if (op == Collective::send_recv) {
    c.bandwidth_seconds = s.d > 1 ? bytes / t.nic_bytes_per_s() * spread_slowdown(t, s.span_nodes)
                                  : bytes / t.scale_up_bytes_per_s();
    c.latency = base_latency_seconds(Algorithm::ring, p) +
                (s.d > 1 ? net_hop + long_haul_seconds(t, s.span_nodes) / 2 : scale_up_hop_seconds(Algorithm::ring, p));
    return c;
  }
  const double intra = bytes * (s.g - 1) / s.n / t.scale_up_bytes_per_s();
  const double inter = bytes * (s.n - s.g) / s.n / t.nic_bytes_per_s() * spread_slowdown(t, s.span_nodes);
  c.bandwidth_seconds = std::max(intra, inter);
  c.latency = base_latency_seconds(Algorithm::ring, p) + scale_up_hop_seconds(Algorithm::ring, p) +
              (s.d > 1 ? net_hop + long_haul_seconds(t, s.span_nodes) / 2 : 0);
  return c;
}

Cost cost_of(const Topology& t, Collective op, double bytes, const Shape& s, Algorithm a, Protocol p) {
  switch (a) {
    case Algorithm::tree: return tree_cost(t, bytes, s, p);
    case Algorithm::nvls: return nvls_cost(t, bytes, s);
    case Algorithm::collnet: return collnet_cost(t, bytes, s);
    case Algorithm::direct: return direct_cost(t, op, bytes, s, p);
    default: return ring_cost(t, op, bytes, s, p);
  }
}

}  // namespace

std::string_view collective_name(Collective op) {
  switch (op) {
    case Collective::all_reduce: return "all_reduce";
    case Collective::all_gather: return "all_gather";
    case Collective::reduce_scatter: return "reduce_scatter";
    case Collective::all_to_all: return "all_to_all";
    case Collective::send_recv: return "send_recv";
  }
  return "?";
}

std::optional<Collective> parse_collective(std::string_view name) {
  for (Collective op : {Collective::all_reduce, Collective::all_gather, Collective::reduce_scatter,
                        Collective::all_to_all, Collective::send_recv}) {
    if (collective_name(op) == name) return op;
  }
  return std::nullopt;
}

double bus_bandwidth_factor(Collective op, int ranks) {
  if (op == Collective::send_recv) return 1;
  if (ranks <= 1) return 0;
  const double n = ranks;
  return op == Collective::all_reduce ? 2 * (n - 1) / n : (n - 1) / n;
}

CollectiveEstimate estimate_collective(const Topology& t, Collective op, double bytes, const CommGroup& group,
                                       Algorithm algorithm) {
  CollectiveEstimate best;
  best.algorithm = op == Collective::all_to_all || op == Collective::send_recv ? Algorithm::direct : Algorithm::ring;
  if (group.size <= 1 || bytes <= 0) return best;
  const Shape s = shape_of(t, group);
  const bool reduction = op == Collective::all_reduce || op == Collective::reduce_scatter;
  best.seconds = std::numeric_limits<double>::infinity();
  const bool forced = algorithm != Algorithm::automatic && algorithm_available(t, op, group, algorithm);
  for (Algorithm a : {Algorithm::ring, Algorithm::tree, Algorithm::nvls, Algorithm::collnet, Algorithm::direct}) {
    if (forced ? a != algorithm : !algorithm_available(t, op, group, a)) continue;
    const bool simple_only = a == Algorithm::nvls || a == Algorithm::collnet;
    for (Protocol p : {Protocol::ll, Protocol::ll128, Protocol::simple}) {
      if (simple_only && p != Protocol::simple) continue;
      if (a == Algorithm::direct && p == Protocol::ll128) continue;
      const Cost c = cost_of(t, op, bytes, s, a, p);
      const double seconds = c.latency + c.bandwidth_seconds / protocol_bandwidth_factor(p, reduction);
      if (seconds < best.seconds) best = CollectiveEstimate{seconds, c.latency, a, p, 0, 0};
    }
  }
  best.algbw_bytes_per_s = bytes / best.seconds;
  best.busbw_bytes_per_s = best.algbw_bytes_per_s * bus_bandwidth_factor(op, group.size);
  return best;
}

}  // namespace stargate::net
