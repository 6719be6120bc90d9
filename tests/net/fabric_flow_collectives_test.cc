// The collective model with all-to-alls on the flow model by symmetry (make_fabric_flow_collectives): the per-flow
// time of every group running at once where the fabric is uniform, the analytical time elsewhere.
#include <gtest/gtest.h>

#include "net_test_clusters.h"
#include "stargate/net/concurrent_collectives.h"
#include "stargate/net/topology_collectives.h"

namespace stargate::net {
namespace {

TEST(FabricFlowCollectives, AllToAllIsEveryGroupAtOnceOnTheFlowModel) {
  // 4,096 H100s, top-of-rack leaves of 4 nodes, 3 tiers: 8 expert-parallel groups of 512 GPUs (64 nodes).
  const Cluster cluster = net_testing::dgx_h100(4096);
  const TopologyOptions options{.rail_optimized = false};
  const auto model = make_fabric_flow_collectives(cluster, options);
  const Topology t = build_topology(cluster, options);
  for (double bytes : {64.0 * 1024 * 1024, 1024.0 * 1024 * 1024}) {
    std::vector<CollectiveJob> jobs;
    for (int j = 0; j < 8; ++j) jobs.push_back({Collective::all_to_all, bytes, gpu_range(j * 512, 512)});
    const FlowSimulation flows = simulate_collectives(t, jobs, FlowAggregation::per_flow);
    EXPECT_NEAR(model->seconds(Collective::all_to_all, bytes, {512, 8}), flows.jobs[0].seconds,
                1e-6 * flows.jobs[0].seconds);
  }
}

TEST(FabricFlowCollectives, AnalyticalWhereTheClassesWouldNotBeExactAndForOtherCollectives) {
  const Cluster uneven = net_testing::dgx_h100(520);  // 65 nodes on leaves of 32: a partial last leaf
  const auto flows = make_fabric_flow_collectives(uneven, TopologyOptions{});
  const auto analytical = make_topology_collectives(uneven, TopologyOptions{});
  EXPECT_EQ(flows->seconds(Collective::all_to_all, 1e9, {520, 8}), analytical->seconds(Collective::all_to_all, 1e9, {520, 8}));
  const Cluster even = net_testing::dgx_h100(512);
  const auto even_flows = make_fabric_flow_collectives(even, TopologyOptions{});
  const auto even_analytical = make_topology_collectives(even, TopologyOptions{});
  EXPECT_EQ(even_flows->seconds(Collective::all_reduce, 1e9, {512, 8}),
            even_analytical->seconds(Collective::all_reduce, 1e9, {512, 8}));
  EXPECT_EQ(even_flows->seconds(Collective::all_to_all, 1e9, {12, 8}),  // straddles domains
            even_analytical->seconds(Collective::all_to_all, 1e9, {12, 8}));
}

}  // namespace
}  // namespace stargate::net
