// Properties of the network models: contention and oversubscription never make a collective faster.
#include <gtest/gtest.h>

#include "net_test_clusters.h"
#include "stargate/net/concurrent_collectives.h"

namespace stargate::net {
namespace {

constexpr double kSlack = 1 - 1e-9;

struct Scenario {
  const char* name;
  CollectiveJob job;
  CollectiveJob other;
};

TEST(Contention, NeverMakesACollectiveFaster) {
  const Topology t = build_topology(net_testing::dgx_h100(1024), TopologyOptions{.leaf_oversubscription = 2});
  const Scenario scenarios[] = {
      {"DP ring on rail 0 vs EP all-to-all", {Collective::all_reduce, 1e9, gpu_range(0, 128, 8)},
       {Collective::all_to_all, 5e8, gpu_range(0, 512)}},
      {"TP all-reduce vs DP ring through its node", {Collective::all_reduce, 1e8, gpu_range(0, 8)},
       {Collective::all_reduce, 1e9, gpu_range(0, 1024)}},
      {"all-gather vs reduce-scatter of another group", {Collective::all_gather, 1e9, gpu_range(0, 256)},
       {Collective::reduce_scatter, 1e9, gpu_range(2, 256, 4)}},
      {"pipeline send vs tree all-reduce", {Collective::send_recv, 1e8, {7, 519}},
       {Collective::all_reduce, 1e9, gpu_range(0, 1024), Algorithm::tree}},
      {"disjoint groups", {Collective::all_reduce, 1e9, gpu_range(0, 64)},
       {Collective::all_reduce, 1e9, gpu_range(512, 64)}},
  };
  for (const Scenario& s : scenarios) {
    const double alone = simulate_collectives(t, {s.job}).jobs[0].seconds;
    const double shared = simulate_collectives(t, {s.job, s.other}).jobs[0].seconds;
    EXPECT_GE(shared, alone * kSlack) << s.name;
  }
  // Sharing links with a heavy collective slows the DP ring down.
  const double alone = simulate_collectives(t, {scenarios[0].job}).jobs[0].seconds;
  EXPECT_GT(simulate_collectives(t, {scenarios[0].job, scenarios[0].other}).jobs[0].seconds, 1.05 * alone);
}

TEST(Oversubscription, NeverMakesACollectiveFaster) {
  const Cluster cluster = net_testing::dgx_h100(2048);
  const CollectiveJob jobs[] = {
      {Collective::all_reduce, 1e9, gpu_range(0, 2048), Algorithm::ring},
      {Collective::all_reduce, 1e9, gpu_range(0, 2048), Algorithm::tree},
      {Collective::all_to_all, 1e9, gpu_range(0, 512, 4)},
      {Collective::all_gather, 1e9, gpu_range(3, 256, 8)},
  };
  for (const CollectiveJob& job : jobs) {
    double previous_flow = 0, previous_analytical = 0;
    for (double ratio : {1.0, 1.5, 2.0, 4.0, 8.0}) {
      const Topology t = build_topology(cluster, TopologyOptions{.leaf_oversubscription = ratio});
      const double flow = simulate_collectives(t, {job}).jobs[0].seconds;
      const double analytical = estimate_collective(t, job.op, job.bytes, comm_group_of(t, job.gpus)).seconds;
      EXPECT_GE(flow, previous_flow * kSlack) << collective_name(job.op) << " at " << ratio << ":1";
      EXPECT_GE(analytical, previous_analytical * kSlack) << collective_name(job.op) << " at " << ratio << ":1";
      previous_flow = flow;
      previous_analytical = analytical;
    }
  }
}

TEST(Topology, FewestTiersThatFitAndRailNeighboursShareALeaf) {
  EXPECT_EQ(build_topology_summary(net_testing::dgx_h100(8), {}).tiers(), 1);
  EXPECT_EQ(build_topology_summary(net_testing::dgx_h100(1024), {}).tiers(), 2);
  EXPECT_EQ(build_topology_summary(net_testing::dgx_h100(4096), {}).tiers(), 3);
  const Topology t = build_topology(net_testing::dgx_h100(1024), {});
  std::vector<int> path;
  EXPECT_EQ((t.route(0, 8, 0, path), path.size()), 2u);  // GPU 0 of nodes 0 and 1: the rail-0 leaf
  path.clear();
  EXPECT_EQ((t.route(0, 9, 0, path), path.size()), 4u);  // rail 0 to rail 1: up to the spine
  path.clear();
  EXPECT_EQ((t.route(0, 1, 0, path), path.size()), 2u);  // same NVLink domain
  EXPECT_EQ(t.links()[path[0]].kind, LinkKind::scale_up_tx);
}

TEST(Topology, Nvl72DomainsMultiplePlanesAndBuildings) {
  const Cluster nvl72 = net_testing::catalog_cluster("gb200", "gb200-nvl72", "infiniband-xdr", 576);
  TopologyOptions o;
  o.planes = 2;
  o.nodes_per_building = 4;
  o.cross_building_latency_seconds = 10e-6;
  const Topology t = build_topology(nvl72, o);
  EXPECT_EQ(t.gpus_per_domain(), 72);
  std::vector<int> plane0, plane1;
  const double near = t.route(0, 71, 0, plane0);
  EXPECT_EQ(plane0.size(), 2u);
  plane0.clear();
  const double far = t.route(0, 72 * 5, 0, plane0);
  t.route(0, 72 * 5, 1, plane1);
  EXPECT_NE(plane0, plane1);
  EXPECT_GE(far - near, 2 * 10e-6 / 2);
  // Crossing buildings costs time in the analytical model too.
  const CommGroup inside{288, 72}, across{576, 72};
  EXPECT_GT(estimate_collective(t, Collective::all_reduce, 8, across).seconds,
            estimate_collective(t, Collective::all_reduce, 8, inside).seconds + 10e-6);
}

}  // namespace
}  // namespace stargate::net
