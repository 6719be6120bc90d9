// All-to-all by flow classes (symmetric_all_to_all.h) against the per-flow model it stands for: equal completion
// times and flow counts on uniform fabrics of several sizes and shapes, a case derived by hand, and the fallback
// to the per-flow model where the fabric is not uniform.
#include "stargate/net/symmetric_all_to_all.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>

#include "net_test_clusters.h"
#include "stargate/net/concurrent_collectives.h"

namespace stargate::net {
namespace {

Cluster preset_cluster(const std::string& node, int gpus) {
  const Catalog& c = Catalog::builtin();
  const NodeSpec& spec = *c.find_node(node);
  return Cluster{*c.find_accelerator(spec.accelerator), spec, *c.find_fabric("infiniband-ndr"), gpus};
}

// `groups` equal all-to-alls of consecutive GPUs tiling the cluster (1: one all-to-all over every GPU).
std::vector<CollectiveJob> tiled_all_to_all(int gpus, int groups, double bytes) {
  std::vector<CollectiveJob> jobs;
  for (int j = 0; j < groups; ++j) {
    jobs.push_back({Collective::all_to_all, bytes, gpu_range(j * (gpus / groups), gpus / groups)});
  }
  return jobs;
}

struct SymmetricCase {
  std::string name, node;
  int gpus = 0, groups = 1;
  TopologyOptions options;
};

void PrintTo(const SymmetricCase& c, std::ostream* os) { *os << c.name; }

class ClassesMatchFlows : public testing::TestWithParam<SymmetricCase> {};

TEST_P(ClassesMatchFlows, EqualCompletionTimesAndFlowCounts) {
  const SymmetricCase& c = GetParam();
  const Topology t = build_topology(preset_cluster(c.node, c.gpus), c.options);
  const std::vector<CollectiveJob> jobs = tiled_all_to_all(c.gpus, c.groups, 1024.0 * 1024 * 1024);
  const FlowSimulation classes = simulate_collectives(t, jobs);
  const FlowSimulation flows = simulate_collectives(t, jobs, FlowAggregation::per_flow);
  ASSERT_TRUE(classes.aggregated) << classes.aggregation_note;
  EXPECT_FALSE(flows.aggregated);
  EXPECT_EQ(classes.flows_represented, flows.flows.size());
  EXPECT_GT(classes.flow_classes, 0);
  for (size_t j = 0; j < jobs.size(); ++j) {
    EXPECT_GT(flows.jobs[j].bandwidth_seconds, 0);
    EXPECT_NEAR(classes.jobs[j].seconds, flows.jobs[j].seconds, 1e-6 * flows.jobs[j].seconds) << "job " << j;
    EXPECT_EQ(classes.jobs[j].algorithm, Algorithm::direct);
  }
}

INSTANTIATE_TEST_SUITE_P(
    UniformFabrics, ClassesMatchFlows,
    testing::Values(
        SymmetricCase{.name = "H100_64_rail", .node = "dgx-h100", .gpus = 64},
        SymmetricCase{.name = "H100_512_rail", .node = "dgx-h100", .gpus = 512},
        SymmetricCase{.name = "H100_512_tor", .node = "dgx-h100", .gpus = 512,
                      .options = {.rail_optimized = false}},
        SymmetricCase{.name = "H100_640_tor_2to1_2planes", .node = "dgx-h100", .gpus = 640,  // leaves of 5 nodes
                      .options = {.rail_optimized = false, .leaf_oversubscription = 2, .planes = 2}},
        SymmetricCase{.name = "H100_3072_rail_3tier_spine3to1", .node = "dgx-h100", .gpus = 3072,  // pods of 192
                      .options = {.spine_oversubscription = 3}},
        SymmetricCase{.name = "H100_3072_tor_3tier_spine3to1", .node = "dgx-h100", .gpus = 3072,
                      .options = {.rail_optimized = false, .tiers = 3, .spine_oversubscription = 3}},
        SymmetricCase{.name = "H100_4096_buildings_sites", .node = "dgx-h100", .gpus = 4096,
                      .options = {.nodes_per_building = 128, .buildings_per_site = 2}},
        SymmetricCase{.name = "H100_4096_ep2048_groups", .node = "dgx-h100", .gpus = 4096, .groups = 2},  // 2 pods each
        SymmetricCase{.name = "H100_512_ep4_groups_in_domain", .node = "dgx-h100", .gpus = 512, .groups = 128},
        SymmetricCase{.name = "NVL72_64_one_partial_rack", .node = "gb200-nvl72", .gpus = 64},
        SymmetricCase{.name = "NVL72_288_tor", .node = "gb200-nvl72", .gpus = 288,
                      .options = {.rail_optimized = false}},
        SymmetricCase{.name = "NVL72_4608_rail_2planes_spine3to1", .node = "gb200-nvl72", .gpus = 4608,
                      .options = {.spine_oversubscription = 3, .planes = 2}},
        SymmetricCase{.name = "TPUv5p_cubes_of_16_hosts_1024", .node = "tpu-v5p-host", .gpus = 1024}),
    [](const testing::TestParamInfo<SymmetricCase>& info) { return info.param.name; });

TEST(SymmetricAllToAll, StridedExpertGroupsMatchFlows) {
  // TP 2 × EP 256 on 2,048 H100s: expert-parallel ranks 2 GPUs apart, 4 per 8-GPU domain, each group spanning 64
  // nodes (16 top-of-rack leaves of 4 nodes); 2 groups interleave on every node, 8 groups in all.
  const Topology t = build_topology(net_testing::dgx_h100(2048), TopologyOptions{.rail_optimized = false});
  const double bytes = 1024.0 * 1024 * 1024;
  std::vector<CollectiveJob> jobs;
  for (int block = 0; block < 4; ++block) {
    for (int tp_rank = 0; tp_rank < 2; ++tp_rank) {
      jobs.push_back({Collective::all_to_all, bytes, gpu_range(block * 512 + tp_rank, 256, 2)});
    }
  }
  const FlowSimulation flows = simulate_collectives(t, jobs, FlowAggregation::per_flow);
  ASSERT_EQ(flows.jobs[0].protocol, Protocol::simple);
  ASSERT_EQ(comm_group_of(t, jobs[0].gpus).ranks_per_domain, 4);
  const SymmetricAllToAll s = symmetric_all_to_all(t, {256, 4}, bytes);
  ASSERT_TRUE(s.classes) << s.fallback_reason;
  EXPECT_EQ(s.classes->flows(), flows.flows.size());
  const ClassFlowOutcome out = solve_max_min_classes(*s.classes);
  const double classes_seconds = *std::max_element(out.finish_seconds.begin(), out.finish_seconds.end());
  for (const JobTiming& job : flows.jobs) {
    EXPECT_NEAR(job.bandwidth_seconds, classes_seconds, 1e-6 * classes_seconds);
  }
}

TEST(SymmetricAllToAll, TwoLeavesOversubscribedTwoToOneAreSpineBound) {
  // Top-of-rack DGX H100 leaves with 2:1 oversubscription: radix 64 → 42 down ports → 5 nodes (40 GPUs) per leaf;
  // 80 GPUs = 2 leaves. Each GPU sends b = S·8/80 to the rail-matched GPU of each of the 9 other nodes, 5 of them
  // on the other leaf. The spine carries 80 × 5 × b over 2 leaf uplinks of 40 NICs / 2 each, the NIC only 9 b:
  // time = bytes crossing the spine / spine capacity.
  const Topology t = build_topology(net_testing::dgx_h100(80),
                                    TopologyOptions{.rail_optimized = false, .leaf_oversubscription = 2});
  ASSERT_EQ(t.nodes_per_leaf(), 5);
  const double bytes = 1e9, b = bytes * 8 / 80;
  const double spine_bytes = 80 * 5 * b, spine_bytes_per_s = 2 * (40 * t.nic_bytes_per_s() / 2);
  for (FlowAggregation mode : {FlowAggregation::automatic, FlowAggregation::per_flow}) {
    const FlowSimulation sim = simulate_collectives(t, tiled_all_to_all(80, 1, bytes), mode);
    ASSERT_EQ(sim.jobs[0].protocol, Protocol::simple);
    EXPECT_EQ(sim.aggregated, mode == FlowAggregation::automatic);
    EXPECT_NEAR(sim.jobs[0].bandwidth_seconds, spine_bytes / spine_bytes_per_s, 1e-9 * spine_bytes / spine_bytes_per_s);
  }
}

TEST(SymmetricAllToAll, FallsBackToFlowsOnUnevenNodesPerLeaf) {
  // 65 nodes on leaves of 32 (rail-optimized): the last leaf holds one node, its uplink carries less.
  const Topology t = build_topology(net_testing::dgx_h100(520), TopologyOptions{});
  const std::vector<CollectiveJob> jobs = tiled_all_to_all(520, 1, 1e9);
  const FlowSimulation sim = simulate_collectives(t, jobs);
  EXPECT_FALSE(sim.aggregated);
  EXPECT_NE(sim.aggregation_note.find("uneven nodes per leaf"), std::string::npos) << sim.aggregation_note;
  const FlowSimulation flows = simulate_collectives(t, jobs, FlowAggregation::per_flow);
  EXPECT_EQ(sim.jobs[0].seconds, flows.jobs[0].seconds);
  EXPECT_EQ(sim.flows_represented, flows.flows.size());
}

TEST(SymmetricAllToAll, NamesEachSymmetryThatDoesNotHold) {
  struct Case {
    std::string node;
    int gpus, group;
    TopologyOptions options;
    std::string reason;
  };
  const std::vector<Case> cases{
      // 544 nodes: 17 full leaf groups of 32, but 4 pods of 128 and a partial last pod of 32.
      {"dgx-h100", 4352, 4352, {.tiers = 3}, "uneven nodes per pod"},
      {"dgx-h100", 520, 520, {}, "uneven nodes per leaf"},
      {"dgx-h100", 512, 12, {}, "do not tile"},
      {"dgx-h100", 480, 12, {}, "straddle scale-up domains"},
      {"gb200-nvl72", 131072, 131072, {}, "partial last domain"},  // 131,072 GPUs are not whole NVL72 racks
      {"gb200-nvl72", 2376, 2376, {}, "uneven nodes per leaf"},  // 33 racks on leaves of 32
      {"dgx-h100", 4096, 4096, {.nodes_per_building = 64}, "pods of 128 nodes do not nest in buildings of 64"},
      {"dgx-h100", 768, 192, {}, "do not nest with all-to-all groups of 24 nodes"},  // leaves of 32 nodes
  };
  for (const Case& c : cases) {
    const Topology t = build_topology_summary(preset_cluster(c.node, c.gpus), c.options);
    const SymmetricAllToAll s = symmetric_all_to_all(t, {c.group, std::min(c.group, t.gpus_per_domain())}, 1e9);
    EXPECT_FALSE(s.classes.has_value()) << c.node << " " << c.gpus;
    EXPECT_NE(s.fallback_reason.find(c.reason), std::string::npos) << c.gpus << ": " << s.fallback_reason;
  }
}

TEST(SymmetricAllToAll, ClassesNeedNoLinkGraph) {
  // A Stargate-scale fabric: 131,072 B200 GPUs (16,384 nodes, 3 tiers, 2 planes) solves on the summary alone.
  const Topology t = build_topology_summary(preset_cluster("dgx-b200", 131072), TopologyOptions{.planes = 2});
  ASSERT_TRUE(t.links().empty());
  ASSERT_EQ(t.tiers(), 3);
  const SymmetricAllToAll s = symmetric_all_to_all(t, {131072, 8}, 1e9);
  ASSERT_TRUE(s.classes) << s.fallback_reason;
  const double domains = 131072 / 8;
  EXPECT_DOUBLE_EQ(s.classes->flows(), 131072.0 * 7 + 131072.0 * (domains - 1) * 2);
  const ClassFlowOutcome out = solve_max_min_classes(*s.classes);
  for (double finish : out.finish_seconds) EXPECT_GT(finish, 0);
}

}  // namespace
}  // namespace stargate::net
