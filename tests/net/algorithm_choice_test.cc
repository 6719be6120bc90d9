// In-network reduction runs only where the catalog (or a flag) says it is enabled: CollNet where the fabric's
// in_network_reduction is true, NVLS where the node's scale_up_reduction is true; every other algorithm says why.
#include "stargate/net/algorithm_choice.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "net_test_clusters.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/net/collective_estimate.h"

namespace stargate::net {
namespace {

constexpr double kGiB = 1024.0 * 1024 * 1024;

Topology topology_of(const Cluster& cluster) {
  return build_topology_summary(cluster, default_topology_options(cluster));
}

Cluster with_sharp(Cluster cluster) {
  cluster.fabric.in_network_reduction = true;
  return cluster;
}

// The option of `a` among `options` (a copy: callers pass temporaries).
AlgorithmOption option(const std::vector<AlgorithmOption>& options, Algorithm a) {
  for (const AlgorithmOption& o : options) {
    if (o.algorithm == a) return o;
  }
  throw std::logic_error("missing algorithm");
}

TEST(AlgorithmChoice, PlainInfinibandNeverPicksCollnetAndSaysWhy) {
  const Topology t = topology_of(net_testing::dgx_h100(64));
  const AlgorithmOption collnet = option(algorithm_options(t, Collective::all_reduce, {64, 8}), Algorithm::collnet);
  EXPECT_FALSE(collnet.available);
  EXPECT_NE(collnet.reason.find("fabric infiniband-ndr has in_network_reduction: false"), std::string::npos)
      << collnet.reason;
  for (double bytes = 8; bytes <= 8 * kGiB; bytes *= 4) {
    EXPECT_NE(estimate_collective(t, Collective::all_reduce, bytes, {64, 8}).algorithm, Algorithm::collnet) << bytes;
  }
}

TEST(AlgorithmChoice, SharpEnabledFabricMayPickCollnet) {
  const Topology t = topology_of(with_sharp(net_testing::dgx_h100(64)));
  EXPECT_TRUE(option(algorithm_options(t, Collective::all_reduce, {64, 8}), Algorithm::collnet).available);
  EXPECT_EQ(estimate_collective(t, Collective::all_reduce, kGiB, {64, 8}).algorithm, Algorithm::collnet);
}

TEST(AlgorithmChoice, CollnetNeedsTwoDomainsEvenWhenEnabled) {
  const Topology t = topology_of(with_sharp(net_testing::dgx_h100(64)));
  const AlgorithmOption o = option(algorithm_options(t, Collective::all_reduce, {8, 8}), Algorithm::collnet);
  EXPECT_FALSE(o.available);
  EXPECT_EQ(o.reason, "the group fits in one scale-up domain");
}

TEST(AlgorithmChoice, NvlsOnlyWhereTheNodeHasScaleUpReduction) {
  const Topology a100 = topology_of(net_testing::catalog_cluster("a100-80gb", "dgx-a100", "infiniband-hdr", 16));
  const AlgorithmOption no = option(algorithm_options(a100, Collective::all_reduce, {16, 8}), Algorithm::nvls);
  EXPECT_FALSE(no.available);
  EXPECT_NE(no.reason.find("node dgx-a100 has scale_up_reduction: false"), std::string::npos) << no.reason;
  const Topology h100 = topology_of(net_testing::dgx_h100(16));
  EXPECT_TRUE(option(algorithm_options(h100, Collective::all_reduce, {16, 8}), Algorithm::nvls).available);
}

TEST(AlgorithmChoice, NonReductionsNameTheirOnlyAlgorithms) {
  const Topology t = topology_of(with_sharp(net_testing::dgx_h100(64)));
  const std::vector<AlgorithmOption> options = algorithm_options(t, Collective::all_to_all, {64, 8});
  EXPECT_TRUE(option(options, Algorithm::direct).available);
  EXPECT_EQ(option(options, Algorithm::collnet).reason, "collnet runs only all_reduce");
  EXPECT_EQ(option(options, Algorithm::ring).reason, "ring does not run all_to_all");
}

// Training and serving price collectives through make_cluster_collectives: the same rule applies there.
TEST(AlgorithmChoice, EstimatorsCollectivesFollowTheSameRule) {
  const Cluster plain = net_testing::dgx_h100(64);
  const Topology t = topology_of(plain);
  const double expected = estimate_collective(t, Collective::all_reduce, kGiB, {64, 8}).seconds;
  EXPECT_DOUBLE_EQ(make_cluster_collectives(plain)->seconds(Collective::all_reduce, kGiB, {64, 8}), expected);
  const double sharp = make_cluster_collectives(with_sharp(plain))->seconds(Collective::all_reduce, kGiB, {64, 8});
  EXPECT_LT(sharp, expected);  // collnet is the fastest once enabled
}

}  // namespace
}  // namespace stargate::net
