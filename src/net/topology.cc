// Builds the link graph of a cluster and routes between GPUs by coordinates (no routing tables): up the fat tree
// to the lowest common tier, then down. Sizing follows the standard folded-Clos rules: a leaf of radix R with
// down:up ratio o has R·o/(1+o) down ports; a 2-tier tree reaches R leaves; a 3-tier tree groups leaves in pods.
#include "stargate/net/topology.h"

#include <algorithm>
#include <cmath>

#include "stargate/net/nccl_params.h"

namespace stargate::net {
namespace {

constexpr int kDefaultRadix = 64;

int ceil_div(int a, int b) { return (a + b - 1) / b; }
int nodes_per_building(int nodes, const TopologyOptions& o) {
  return o.nodes_per_building > 0 ? o.nodes_per_building : std::max(1, nodes);
}
int buildings_per_site(int buildings, const TopologyOptions& o) {
  return o.buildings_per_site > 0 ? o.buildings_per_site : buildings;
}
int down_ports(int radix, double oversubscription) {
  return std::max(1, static_cast<int>(std::floor(radix * oversubscription / (1 + oversubscription))));
}

}  // namespace

TopologyOptions default_topology_options(const Cluster& cluster) {
  TopologyOptions options;
  options.scale_up_reduction = cluster.node.scale_up_reduction;
  return options;
}

Topology build_topology(const Cluster& cluster, const TopologyOptions& options) {
  return build_topology_with(cluster, options, true);
}

Topology build_topology_summary(const Cluster& cluster, const TopologyOptions& options) {
  return build_topology_with(cluster, options, false);
}

// Bandwidths, tier count and the number of leaves, pods, buildings and sites of the rail-optimized fat tree.
void size_topology(Topology& t, const Cluster& cluster, const TopologyOptions& options) {
  t.cluster_ = cluster;
  t.options_ = options;
  t.options_.planes = std::max(1, options.planes);
  t.gpus_ = std::max(0, cluster.gpus);
  t.gpus_per_node_ = std::max(1, cluster.node.gpus_per_node);
  t.gpus_per_domain_ = std::max(1, cluster.node.scale_up_domain);
  t.nics_per_node_ = options.nics_per_node > 0 ? options.nics_per_node : t.gpus_per_node_;
  t.nodes_ = ceil_div(t.gpus_, t.gpus_per_node_);
  t.nic_bytes_per_s_ = cluster.node.nic_bandwidth_per_gpu_bytes_per_s * kNetworkEfficiency;
  t.scale_up_bytes_per_s_ = cluster.accelerator.scale_up_bandwidth_bytes_per_s * kScaleUpEfficiency;
  // Without a scale-up fabric, GPUs of a node talk over PCIe and host memory: never faster than the NIC.
  if (t.scale_up_bytes_per_s_ <= 0) t.scale_up_bytes_per_s_ = t.nic_bytes_per_s_;

  // Fat-tree sizing, per plane.
  const int radix = cluster.fabric.switch_radix > 0 ? cluster.fabric.switch_radix : kDefaultRadix;
  const int leaf_down = down_ports(radix, std::max(1.0, options.leaf_oversubscription));
  const int nics_per_leaf_node = options.rail_optimized ? 1 : t.nics_per_node_;
  t.nodes_per_leaf_ = std::max(1, leaf_down / nics_per_leaf_node);
  const int endpoints = t.nodes_ * t.nics_per_node_;
  int tiers = options.tiers;
  if (tiers <= 0) tiers = endpoints <= leaf_down ? 1 : endpoints <= radix * leaf_down ? 2 : 3;
  t.tiers_ = std::clamp(tiers, 1, 3);
  if (t.tiers_ == 1) t.nodes_per_leaf_ = std::max(1, t.nodes_);
  const int spine_down = down_ports(radix, std::max(1.0, options.spine_oversubscription));
  t.nodes_per_pod_ = t.tiers_ == 3 ? std::max(t.nodes_per_leaf_, spine_down * leaf_down / t.nics_per_node_)
                                   : std::max(1, t.nodes_);
  const int leaf_groups = ceil_div(std::max(1, t.nodes_), t.nodes_per_leaf_);
  t.leaves_per_plane_ = leaf_groups * (options.rail_optimized ? t.nics_per_node_ : 1);
  t.pods_ = ceil_div(std::max(1, t.nodes_), t.nodes_per_pod_);
  t.buildings_ = ceil_div(std::max(1, t.nodes_), nodes_per_building(t.nodes_, options));
  t.sites_ = ceil_div(t.buildings_, buildings_per_site(t.buildings_, options));
}

// Each tier's link rate: the sum of the NICs below it divided by the tier's cumulative oversubscription.
void set_link_rates(Topology& t, const TopologyOptions& options) {
  const int planes = t.options_.planes;
  const Cluster& cluster = t.cluster_;
  const int nics_per_leaf_node = options.rail_optimized ? 1 : t.nics_per_node_;
  const int per_building = nodes_per_building(t.nodes_, options);
  const double nic_plane = cluster.node.nic_bandwidth_per_gpu_bytes_per_s * t.gpus_per_node_ / t.nics_per_node_ /
                           planes * kNetworkEfficiency;
  const double leaf_ovs = std::max(1.0, options.leaf_oversubscription);
  const double pod_ovs = leaf_ovs * std::max(1.0, options.spine_oversubscription);
  const double building_ovs = pod_ovs * std::max(1.0, options.cross_building_oversubscription);
  const double site_ovs = building_ovs * std::max(1.0, options.cross_site_oversubscription);
  auto set = [&](LinkKind up, LinkKind down, double bytes_per_s) {
    t.kind_bytes_per_s_[static_cast<int>(up)] = bytes_per_s;
    t.kind_bytes_per_s_[static_cast<int>(down)] = bytes_per_s;
  };
  set(LinkKind::scale_up_tx, LinkKind::scale_up_rx, t.scale_up_bytes_per_s_);
  set(LinkKind::nic_tx, LinkKind::nic_rx, nic_plane);
  set(LinkKind::leaf_up, LinkKind::leaf_down, t.nodes_per_leaf_ * nics_per_leaf_node * nic_plane / leaf_ovs);
  set(LinkKind::pod_up, LinkKind::pod_down,
      static_cast<double>(t.nodes_per_pod_) * t.nics_per_node_ * nic_plane / pod_ovs);
  set(LinkKind::building_up, LinkKind::building_down,
      static_cast<double>(per_building) * t.nics_per_node_ * nic_plane / building_ovs);
  set(LinkKind::site_up, LinkKind::site_down,
      static_cast<double>(per_building) * buildings_per_site(t.buildings_, options) * t.nics_per_node_ * nic_plane /
          site_ovs);
}

// Two links (up, down) per GPU scale-up port, NIC, leaf, pod, building and site at the rates of set_link_rates.
void add_topology_links(Topology& t, const TopologyOptions& options) {
  const int planes = t.options_.planes;
  const int endpoints = t.nodes_ * t.nics_per_node_;
  const double hop = t.cluster_.fabric.latency_seconds;
  auto add_pairs = [&](int count, LinkKind up, LinkKind down, double up_latency, double down_latency) {
    const double bytes_per_s = t.link_bytes_per_s(up);
    for (int i = 0; i < count; ++i) {
      t.links_.push_back(Link{up, bytes_per_s, up_latency});
      t.links_.push_back(Link{down, bytes_per_s, down_latency});
    }
  };
  t.scale_up_base_ = 0;
  add_pairs(t.gpus_, LinkKind::scale_up_tx, LinkKind::scale_up_rx, 0, 0);
  t.nic_base_ = static_cast<int>(t.links_.size());
  add_pairs(planes * endpoints, LinkKind::nic_tx, LinkKind::nic_rx, hop, 0);
  t.leaf_base_ = static_cast<int>(t.links_.size());
  if (t.tiers_ >= 2) add_pairs(planes * t.leaves_per_plane_, LinkKind::leaf_up, LinkKind::leaf_down, hop, hop);
  t.pod_base_ = static_cast<int>(t.links_.size());
  if (t.tiers_ == 3) add_pairs(planes * t.pods_, LinkKind::pod_up, LinkKind::pod_down, hop, hop);
  t.building_base_ = static_cast<int>(t.links_.size());
  if (t.buildings_ > 1) {
    add_pairs(planes * t.buildings_, LinkKind::building_up, LinkKind::building_down,
              options.cross_building_latency_seconds, 0);
  }
  t.site_base_ = static_cast<int>(t.links_.size());
  if (t.sites_ > 1) {
    add_pairs(planes * t.sites_, LinkKind::site_up, LinkKind::site_down, options.cross_site_latency_seconds, 0);
  }
}

Topology build_topology_with(const Cluster& cluster, const TopologyOptions& options, bool links) {
  Topology t;
  size_topology(t, cluster, options);
  set_link_rates(t, options);
  if (links) add_topology_links(t, options);
  return t;
}

int Topology::nic_of(int gpu) const {
  const int node = gpu / gpus_per_node_;
  return node * nics_per_node_ + (gpu % gpus_per_node_) * nics_per_node_ / gpus_per_node_;
}

int Topology::leaf_of(int nic) const {
  const int node = nic / nics_per_node_;
  if (!options_.rail_optimized) return node / nodes_per_leaf_;
  return (node / nodes_per_leaf_) * nics_per_node_ + nic % nics_per_node_;
}

double Topology::route(int src, int dst, int plane, std::vector<int>& out) const {
  if (domain_of(src) == domain_of(dst)) {
    out.push_back(scale_up_base_ + 2 * src);
    out.push_back(scale_up_base_ + 2 * dst + 1);
    return 0;
  }
  const size_t first = out.size();
  const int endpoints = nodes_ * nics_per_node_;
  const int src_nic = nic_of(src), dst_nic = nic_of(dst);
  const int src_node = node_of(src), dst_node = node_of(dst);
  const int src_building = src_node / nodes_per_building(), dst_building = dst_node / nodes_per_building();
  const int buildings_per_site = options_.buildings_per_site > 0 ? options_.buildings_per_site : buildings_;
  const int src_site = src_building / buildings_per_site, dst_site = dst_building / buildings_per_site;
  const int src_leaf = leaf_of(src_nic), dst_leaf = leaf_of(dst_nic);
  const int src_pod = src_node / nodes_per_pod_, dst_pod = dst_node / nodes_per_pod_;
  const bool cross_building = src_building != dst_building, cross_site = src_site != dst_site;
  const bool cross_pod = tiers_ == 3 && (src_pod != dst_pod || cross_building);
  const bool cross_leaf = tiers_ >= 2 && (src_leaf != dst_leaf || cross_pod || cross_building);

  out.push_back(nic_base_ + 2 * (plane * endpoints + src_nic));
  if (cross_leaf) out.push_back(leaf_base_ + 2 * (plane * leaves_per_plane_ + src_leaf));
  if (cross_pod) out.push_back(pod_base_ + 2 * (plane * pods_ + src_pod));
  if (cross_building) out.push_back(building_base_ + 2 * (plane * buildings_ + src_building));
  if (cross_site) out.push_back(site_base_ + 2 * (plane * sites_ + src_site));
  if (cross_site) out.push_back(site_base_ + 2 * (plane * sites_ + dst_site) + 1);
  if (cross_building) out.push_back(building_base_ + 2 * (plane * buildings_ + dst_building) + 1);
  if (cross_pod) out.push_back(pod_base_ + 2 * (plane * pods_ + dst_pod) + 1);
  if (cross_leaf) out.push_back(leaf_base_ + 2 * (plane * leaves_per_plane_ + dst_leaf) + 1);
  out.push_back(nic_base_ + 2 * (plane * endpoints + dst_nic) + 1);
  double latency = 0;
  for (size_t i = first; i < out.size(); ++i) latency += links_[out[i]].latency_seconds;
  return latency;
}

}  // namespace stargate::net
