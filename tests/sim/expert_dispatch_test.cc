// Expert dispatch bytes and seconds on small cases derived by hand (sim/expert_dispatch.h).
#include "stargate/sim/expert_dispatch.h"

#include <gtest/gtest.h>

namespace stargate {
namespace {

// A network whose all-to-all costs 1 ns per byte and whose other collectives cost nothing: isolates the bytes
// the alltoall dispatcher hands to NCCL; DeepEP's count-exchange latency (a 1-byte all-to-all) is then 1 ns.
class NanosecondPerByte final : public CollectiveModel {
 public:
  double seconds(Collective op, double bytes, const CommGroup& group) const override {
    return op == Collective::all_to_all && group.size > 1 ? bytes * 1e-9 : 0;
  }
};

constexpr double kLatency = 1e-9;

// 2 nodes × 8 GPUs, 16 experts (one per GPU), top-2, 1000 tokens of width 1000, 50 GB/s NIC, 450 GB/s NVLink.
ExpertDispatchShape two_nodes_top2() {
  return ExpertDispatchShape{.tokens = 1000, .hidden = 1000, .top_k = 2, .experts = 16, .ep = 16,
                             .ep_group = CommGroup{.size = 16, .ranks_per_domain = 8},
                             .nic_bytes_per_s = 50e9, .scale_up_bytes_per_s = 450e9};
}

TEST(ExpertDispatch, HitProbabilityDrawsExpertsWithoutReplacement) {
  EXPECT_DOUBLE_EQ(expert_holder_hit_probability(16, 2, 1), 1);                          // one holder has them all
  EXPECT_DOUBLE_EQ(expert_holder_hit_probability(4, 2, 2), 1 - (2.0 / 4) * (1.0 / 3));  // 5/6
  EXPECT_DOUBLE_EQ(expert_holder_hit_probability(16, 1, 16), 1.0 / 16);
  EXPECT_DOUBLE_EQ(expert_holder_hit_probability(16, 2, 16), 1 - (15.0 / 16) * (14.0 / 15));  // 2/16
  EXPECT_DOUBLE_EQ(expert_holder_hit_probability(8, 8, 2), 1);  // top-k takes every expert
}

TEST(ExpertDispatch, DeepEpSendsOneRowPerRemoteNodeOverRdmaAndForwardsOverNvlink) {
  const ExpertDispatchCost c = expert_dispatch_cost(MoeDispatcher::deepep, two_nodes_top2(), NanosecondPerByte{});
  // The other node holds one of a token's 2 experts with probability 1 − (8/16)(7/15) = 23/30.
  const double rdma_bytes = 1000 * (23.0 / 30) * 1000 * 2;
  // (token, GPU) pairs: 16 GPUs × 2/16 each; 7 of 8 land off the receiving GPU and cross NVLink.
  const double nvlink_bytes = 1000 * 16 * (2.0 / 16) * (7.0 / 8) * 1000 * 2;
  EXPECT_NEAR(c.rdma_bytes, rdma_bytes, 1e-6);
  EXPECT_NEAR(c.nvlink_bytes, nvlink_bytes, 1e-6);
  // RDMA at 0.88 · 50 GB/s (34.8 µs) is slower than NVLink at 0.81 · 450 GB/s (9.6 µs): each leg is RDMA-bound.
  const double leg = rdma_bytes / (0.88 * 50e9) + kLatency;
  EXPECT_NEAR(c.forward_seconds, 2 * leg, 1e-12);   // dispatch + combine
  EXPECT_NEAR(c.backward_seconds, 2 * leg, 1e-12);  // their gradients
}

TEST(ExpertDispatch, AlltoallSendsOneRowPerTokenExpertPair) {
  const ExpertDispatchCost c = expert_dispatch_cost(MoeDispatcher::alltoall, two_nodes_top2(), NanosecondPerByte{});
  // 2000 rows of 2000 bytes; half of them for experts on the other node.
  EXPECT_DOUBLE_EQ(c.rdma_bytes, 2000.0 * 8 / 16 * 2000);
  EXPECT_DOUBLE_EQ(c.forward_seconds, 2 * 2000 * 2000 * 1e-9);
  EXPECT_DOUBLE_EQ(c.backward_seconds, c.forward_seconds);
  // Per-node deduplication: DeepEP crosses the fabric with fewer bytes (23/30 < 1 row per token).
  EXPECT_LT(expert_dispatch_cost(MoeDispatcher::deepep, two_nodes_top2(), NanosecondPerByte{}).rdma_bytes, c.rdma_bytes);
}

TEST(ExpertDispatch, DeepEpFp8DispatchShrinksOnlyTheForwardDispatch) {
  ExpertDispatchShape s = two_nodes_top2();
  s.dispatch_bytes_per_element = 1 + 4.0 / 128;
  const ExpertDispatchCost c = expert_dispatch_cost(MoeDispatcher::deepep, s, NanosecondPerByte{});
  const double rows = 1000 * (23.0 / 30);
  const double fp8_leg = rows * 1000 * (1 + 4.0 / 128) / (0.88 * 50e9) + kLatency;
  const double bf16_leg = rows * 1000 * 2 / (0.88 * 50e9) + kLatency;
  EXPECT_NEAR(c.forward_seconds, fp8_leg + bf16_leg, 1e-12);
  EXPECT_NEAR(c.backward_seconds, 2 * bf16_leg, 1e-12);
}

TEST(ExpertDispatch, WithinOneNodeOnlyNvlinkCarriesRows) {
  ExpertDispatchShape s = two_nodes_top2();
  s.ep = 8;
  s.experts = 8;
  s.ep_group = CommGroup{.size = 8, .ranks_per_domain = 8};
  const ExpertDispatchCost c = expert_dispatch_cost(MoeDispatcher::deepep, s, NanosecondPerByte{});
  EXPECT_DOUBLE_EQ(c.rdma_bytes, 0);
  const double per_gpu = 1 - (7.0 / 8) * (6.0 / 7);  // 2/8
  const double nvlink_bytes = 1000 * 8 * per_gpu * (7.0 / 8) * 1000 * 2;
  EXPECT_NEAR(c.nvlink_bytes, nvlink_bytes, 1e-6);
  EXPECT_NEAR(c.forward_seconds, 2 * (nvlink_bytes / (0.81 * 450e9) + kLatency), 1e-12);
}

TEST(ExpertDispatch, BusiestRankImbalanceScalesTheTransfer) {
  ExpertDispatchShape s = two_nodes_top2();
  const double balanced = expert_dispatch_cost(MoeDispatcher::deepep, s, NanosecondPerByte{}).forward_seconds;
  s.imbalance = 1.5;
  const double skewed = expert_dispatch_cost(MoeDispatcher::deepep, s, NanosecondPerByte{}).forward_seconds;
  EXPECT_NEAR(skewed - 2 * kLatency, 1.5 * (balanced - 2 * kLatency), 1e-12);
}

TEST(ExpertDispatch, NoExpertParallelismCostsNothing) {
  ExpertDispatchShape s = two_nodes_top2();
  s.ep = 1;
  s.ep_group = CommGroup{};
  for (MoeDispatcher d : {MoeDispatcher::alltoall, MoeDispatcher::deepep}) {
    const ExpertDispatchCost c = expert_dispatch_cost(d, s, NanosecondPerByte{});
    EXPECT_EQ(c.forward_seconds, 0);
    EXPECT_EQ(c.backward_seconds, 0);
  }
}

}  // namespace
}  // namespace stargate
