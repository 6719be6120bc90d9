// Ring and tree costs against hand computations; bus bandwidth as nccl-tests defines it.
#include "stargate/net/collective_estimate.h"

#include <gtest/gtest.h>

#include "net_test_clusters.h"
#include "stargate/net/topology_collectives.h"

namespace stargate::net {
namespace {

constexpr double kUs = 1e-6;
constexpr double kGiB = 1024.0 * 1024 * 1024;
const double kNvlink = 450e9 * kScaleUpEfficiency;  // H100 per direction, achievable
const double kNic = 50e9 * kNetworkEfficiency;      // 400 Gb/s per GPU, achievable

Topology h100(int gpus) { return build_topology_summary(net_testing::dgx_h100(gpus), TopologyOptions{}); }

TEST(CollectiveEstimate, RingAllReduceInOneDomainMatchesHandComputation) {
  const double s = kGiB;
  const CollectiveEstimate e = estimate_collective(h100(8), Collective::all_reduce, s, {8, 8}, Algorithm::ring);
  ASSERT_EQ(e.protocol, Protocol::simple);
  // base 8.4 us + 2(n-1) NVLink hops of 3.4 us; each rank sends 2(n-1)/n of the buffer.
  const double expected = 8.4 * kUs + 14 * 3.4 * kUs + 2.0 * 7 / 8 * s / kNvlink;
  EXPECT_NEAR(e.seconds, expected, 1e-9);
  EXPECT_NEAR(e.busbw_bytes_per_s, s / expected * 2 * 7 / 8, 1e3);
}

TEST(CollectiveEstimate, RingAllReduceAcrossNodesIsBoundByTheNodesNics) {
  const double s = kGiB;
  const CollectiveEstimate e = estimate_collective(h100(16), Collective::all_reduce, s, {16, 8}, Algorithm::ring);
  // 8 rail-aligned rings: per rank 2(n-1)/n·S, 7/8 of it on NVLink, 1/8 on its NIC; 2 laps of 14 NVLink hops and
  // 1 network hop (14 us + one leaf switch of 150 ns).
  const double bw = 2.0 * 15 / 16 * s * std::max(7.0 / 8 / kNvlink, 1.0 / (8 * kNic));
  const double latency = 8.4 * kUs + 2 * (14 * 3.4 * kUs + 1 * (14 * kUs + 150e-9));
  EXPECT_NEAR(e.seconds, bw + latency, 1e-9);
}

TEST(CollectiveEstimate, TreeAllReduceMatchesHandComputation) {
  const double s = 256.0 * 1024 * 1024;
  const CollectiveEstimate e = estimate_collective(h100(32), Collective::all_reduce, s, {32, 8}, Algorithm::tree);
  ASSERT_EQ(e.protocol, Protocol::simple);
  // Chain of 8 on NVLink (2S per rank), double binary tree over 4 nodes (2S per node over 8 NICs); latency: base
  // 8.4 us, 2·7 chain hops of 4 us, 2·log2(4) network hops of 14 us + one switch (single-tier fabric).
  const double bw = std::max(2 * s / kNvlink, 2 * s / (8 * kNic));
  const double latency = 8.4 * kUs + 2 * 7 * 4.0 * kUs + 2 * 2 * (14 * kUs + 150e-9);
  EXPECT_NEAR(e.seconds, bw + latency, 1e-9);
}

TEST(CollectiveEstimate, BusBandwidthFactorIsNcclTestsDefinition) {
  EXPECT_DOUBLE_EQ(bus_bandwidth_factor(Collective::all_reduce, 8), 2.0 * 7 / 8);
  EXPECT_DOUBLE_EQ(bus_bandwidth_factor(Collective::all_gather, 8), 7.0 / 8);
  EXPECT_DOUBLE_EQ(bus_bandwidth_factor(Collective::reduce_scatter, 4), 3.0 / 4);
  EXPECT_DOUBLE_EQ(bus_bandwidth_factor(Collective::all_to_all, 2), 0.5);
  EXPECT_DOUBLE_EQ(bus_bandwidth_factor(Collective::send_recv, 2), 1.0);
}

TEST(CollectiveEstimate, TimeNeverDecreasesWithBytesAndOneRankCostsNothing) {
  const Topology t = h100(1024);
  for (Collective op : {Collective::all_reduce, Collective::all_gather, Collective::reduce_scatter,
                        Collective::all_to_all, Collective::send_recv}) {
    EXPECT_EQ(estimate_collective(t, op, kGiB, {1, 1}).seconds, 0);
    for (CommGroup g : {CommGroup{8, 8}, CommGroup{64, 1}, CommGroup{1024, 8}}) {
      double previous = 0;
      for (double bytes = 1; bytes < 1e11; bytes *= 3) {
        const double seconds = estimate_collective(t, op, bytes, g).seconds;
        EXPECT_GE(seconds, previous);
        previous = seconds;
      }
    }
  }
}

TEST(CollectiveEstimate, TopologyCollectivesImplementsTheCollectiveModelInterface) {
  const Cluster cluster = net_testing::dgx_h100(4096);
  const auto model = make_topology_collectives(cluster);
  const Topology t = build_topology_summary(cluster, default_topology_options(cluster));
  EXPECT_EQ(model->seconds(Collective::all_reduce, kGiB, {4096, 8}),
            estimate_collective(t, Collective::all_reduce, kGiB, {4096, 8}).seconds);
  EXPECT_GT(model->seconds(Collective::all_reduce, kGiB, {4096, 8}), 0);
}

}  // namespace
}  // namespace stargate::net
