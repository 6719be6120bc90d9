#pragma once
// A cluster's network built in code from a few parameters (SimGrid-style platform builder, STYLE.md #8):
// scale-up domains (8-GPU NVSwitch boards, GB200 NVL72 racks), a rail-optimized or top-of-rack fat tree of 2 or 3
// tiers with oversubscription, several parallel planes, and buildings/sites joined by long-haul links.
//
// Links are directed and aggregated where routing spreads traffic evenly (adaptive routing / packet spraying, as
// on InfiniBand NDR and Spectrum-X): a leaf's uplinks form one "leaf_up" link, a pod's spine uplinks one "pod_up".
// Capacities are achievable payload rates: line rate × the medium's protocol efficiency (net/nccl_params.h).
#include <array>
#include <string>
#include <vector>

#include "stargate/catalog/cluster.h"

namespace stargate::net {

struct TopologyOptions {
  // Rail-optimized (GPU i of every node on the rail-i leaf, NVIDIA SuperPOD) or top-of-rack (all NICs of a node on
  // one leaf). Rail-optimized keeps ring traffic off the spine.
  bool rail_optimized = true;
  // Switch tiers of the scale-out fat tree: 2 (leaf-spine) or 3 (leaf-spine-core); 0 = the fewest that fit.
  int tiers = 0;
  // Leaf down:up bandwidth ratio (1 = non-blocking; 2 = half the bandwidth leaves the leaf). ≥ 1.
  double leaf_oversubscription = 1.0;
  // Pod (tier-2) down:up ratio in a 3-tier tree. ≥ 1.
  double spine_oversubscription = 1.0;
  // Independent parallel fabrics; each NIC's bandwidth is split evenly across planes (e.g. 800G NIC as 2×400G).
  int planes = 1;
  // NICs per node; 0 = one per GPU. GPU i of a node uses NIC i·nics/gpus_per_node (the GPU-to-NIC mapping).
  int nics_per_node = 0;
  // Nodes per building (0 = all in one). Traffic between buildings crosses a building uplink of the building's
  // NIC bandwidth / cross_building_oversubscription, adding cross_building_latency_seconds one way.
  int nodes_per_building = 0;
  double cross_building_oversubscription = 1.0;
  double cross_building_latency_seconds = 2e-6;  // ~400 m of fiber at 5 us/km
  // Buildings per site (0 = one site). Traffic between sites: same, with the site's parameters.
  int buildings_per_site = 0;
  double cross_site_oversubscription = 4.0;
  double cross_site_latency_seconds = 250e-6;  // ~50 km of fiber at 5 us/km
  // NVLink SHARP (NVLS) in the scale-up switches; default_topology_options() sets it from the catalog.
  bool scale_up_reduction = false;
};

// Options for `cluster`: defaults, with scale_up_reduction true when the catalog's NVLink fabric of the same
// per-GPU bandwidth (nvlink4, nvlink5) has in-switch reduction.
TopologyOptions default_topology_options(const Cluster& cluster);

enum class LinkKind { scale_up_tx, scale_up_rx, nic_tx, nic_rx, leaf_up, leaf_down, pod_up, pod_down,
                      building_up, building_down, site_up, site_down };
inline constexpr int kLinkKinds = 12;

struct Link {
  LinkKind kind;
  double bytes_per_s = 0;  // achievable payload rate, one direction
  double latency_seconds = 0;
};

// Contract: build_topology() validates nothing beyond positive sizes; a cluster with 0 GPUs has no links.
class Topology {
 public:
  int gpus() const { return gpus_; }
  int gpus_per_node() const { return gpus_per_node_; }
  int gpus_per_domain() const { return gpus_per_domain_; }
  int nics_per_node() const { return nics_per_node_; }
  int planes() const { return options_.planes; }
  int tiers() const { return tiers_; }
  int nodes_per_leaf() const { return nodes_per_leaf_; }  // nodes under one leaf (one rail's leaf if rail-optimized)
  int nodes_per_pod() const { return nodes_per_pod_; }    // nodes reachable without the top tier
  int nodes_per_building() const { return options_.nodes_per_building > 0 ? options_.nodes_per_building : nodes_; }
  int nodes_per_site() const {
    return options_.buildings_per_site > 0 ? options_.buildings_per_site * nodes_per_building() : nodes_;
  }
  const TopologyOptions& options() const { return options_; }
  const Cluster& cluster() const { return cluster_; }

  double scale_up_bytes_per_s() const { return scale_up_bytes_per_s_; }  // per GPU per direction, achievable
  double nic_bytes_per_s() const { return nic_bytes_per_s_; }            // per GPU per direction, achievable
  double switch_hop_seconds() const { return cluster_.fabric.latency_seconds; }
  bool fabric_reduction() const { return cluster_.fabric.in_network_reduction; }

  int nodes() const { return nodes_; }
  int leaves_per_plane() const { return leaves_per_plane_; }
  int pods() const { return pods_; }
  int buildings() const { return buildings_; }
  int sites() const { return sites_; }
  // Achievable rate of each link of `kind`, one direction (all links of a kind are equal); set on summaries too.
  double link_bytes_per_s(LinkKind kind) const { return kind_bytes_per_s_[static_cast<int>(kind)]; }

  const std::vector<Link>& links() const { return links_; }
  int node_of(int gpu) const { return gpu / gpus_per_node_; }
  int domain_of(int gpu) const { return gpu / gpus_per_domain_; }

  // Link ids: a GPU's scale-up port (to / from its NVSwitch) and its NIC's port on `plane` (to / from the leaf).
  int scale_up_tx(int gpu) const { return scale_up_base_ + 2 * gpu; }
  int scale_up_rx(int gpu) const { return scale_up_base_ + 2 * gpu + 1; }
  int nic_tx(int gpu, int plane) const { return nic_base_ + 2 * (plane * nodes_ * nics_per_node_ + nic_of(gpu)); }
  int nic_rx(int gpu, int plane) const { return nic_tx(gpu, plane) + 1; }

  // Appends to `out` the links from GPU `src` to GPU `dst` (src ≠ dst) on fabric `plane`; same-domain pairs use
  // the scale-up switch and ignore `plane`. Returns the one-way latency of the path (switch hops and long-haul).
  double route(int src, int dst, int plane, std::vector<int>& out) const;

 private:
  friend Topology build_topology_with(const Cluster& cluster, const TopologyOptions& options, bool links);
  // The two stages of build_topology_with (topology.cc): the fat tree's sizes, then its links.
  friend void size_topology(Topology& t, const Cluster& cluster, const TopologyOptions& options);
  friend void add_topology_links(Topology& t, const TopologyOptions& options);
  friend void set_link_rates(Topology& t, const TopologyOptions& options);
  int nic_of(int gpu) const;
  int leaf_of(int nic) const;

  Cluster cluster_;
  TopologyOptions options_;
  int gpus_ = 0, gpus_per_node_ = 1, gpus_per_domain_ = 1, nics_per_node_ = 1, nodes_ = 0;
  int tiers_ = 1, nodes_per_leaf_ = 1, nodes_per_pod_ = 1, leaves_per_plane_ = 1, pods_ = 1;
  int buildings_ = 1, sites_ = 1;
  double scale_up_bytes_per_s_ = 0, nic_bytes_per_s_ = 0;
  std::array<double, kLinkKinds> kind_bytes_per_s_{};
  // First link index of each kind; per-plane blocks are [plane · count + index].
  int scale_up_base_ = 0, nic_base_ = 0, leaf_base_ = 0, pod_base_ = 0, building_base_ = 0, site_base_ = 0;
  std::vector<Link> links_;
};

Topology build_topology(const Cluster& cluster, const TopologyOptions& options);
// Sizes and rates only, without the link graph (what the analytical model needs); links() is empty and route()
// must not be called.
Topology build_topology_summary(const Cluster& cluster, const TopologyOptions& options);
Topology build_topology_with(const Cluster& cluster, const TopologyOptions& options, bool links);

}  // namespace stargate::net
