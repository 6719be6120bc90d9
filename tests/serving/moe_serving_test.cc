// MoE serving with data-parallel attention and expert parallelism (docs/serving.md "MoE serving"), on cases
// derived by hand:
//   - low-latency dispatch on 2 nodes of 8 H100s (EP 16), 100 tokens per GPU, top-8, hidden 7168: 8/16 of the
//     800 rows leave the node over the NIC at 0.78 × 50 GB/s, 7/16 go over NVLink at 0.81 × 450 GB/s; the
//     pipelined legs take the slower, scaled by the busiest rank's imbalance;
//   - the weights each GPU holds: attention, dense FFN, shared experts and router over the attention rank's GPUs,
//     the routed experts (with the redundant slots) over all tp GPUs;
//   - MLA's latent KV per token: (kv_lora_rank + qk_rope_head_dim) × layers × bytes, whatever the parallelism;
//   - two-batch overlap never makes an iteration slower by more than the splitting costs, and takes at least the
//     longer of the two streams.
#include <gtest/gtest.h>

#include <cmath>

#include "serving/expert_parallel_cost.h"
#include "stargate/catalog/catalog.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/serving/simulator.h"
#include "stargate/serving/step_time.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

Cluster h100(int gpus) {
  const Catalog& c = Catalog::builtin();
  return Cluster{*c.find_accelerator("h100-sxm"), *c.find_node("dgx-h100"), c.default_scale_out_fabric(), gpus};
}

const ModelSpec& deepseek() { return *ModelCatalog::builtin().find("deepseek-v3"); }

TEST(ExpertImbalance, UniformRoutingMaximumSitsSqrtTwoLogEpDeviationsAboveTheMean) {
  EXPECT_DOUBLE_EQ(serving_detail::expected_expert_imbalance(1000, 1), 1);
  EXPECT_DOUBLE_EQ(serving_detail::expected_expert_imbalance(0, 8), 1);
  // 8192 rows on 64 ranks: mean 128, 1 + sqrt(2 ln 64 / 128).
  EXPECT_NEAR(serving_detail::expected_expert_imbalance(8192, 64), 1 + std::sqrt(2 * std::log(64.0) / 128), 1e-12);
  EXPECT_LE(serving_detail::expected_expert_imbalance(1, 64), 64);
}

TEST(ExpertParallelCost, LowLatencyDispatchIsTheSlowerOfTheRdmaAndNvlinkLegs) {
  const Cluster cluster = h100(16);
  const ModelSpec& m = deepseek();
  serving_detail::ExpertParallelLayout layout{.tp = 16, .attention_dp = 16, .ep = 16};
  layout.moe.dispatch = MoeServing::Dispatch::low_latency;
  layout.moe.expert_imbalance = 1;  // no imbalance: the legs as derived
  const serving_detail::ExpertParallelCost cost(m, cluster, layout, Dtype::fp8);
  const auto net = make_cluster_collectives(cluster);
  const KernelCostModel k = KernelCostModel::for_device(cluster.accelerator, KernelCostOptions{true});
  const double tokens = 100, rows = tokens * 8, h = 7168;
  auto leg = [&](double bytes_per_element) {
    const double remote = rows * 8.0 / 16 * h * bytes_per_element, local = rows * 7.0 / 16 * h * bytes_per_element;
    return std::max(remote / (cluster.node.nic_bandwidth_per_gpu_bytes_per_s * 0.78),
                    local / (cluster.accelerator.scale_up_bandwidth_bytes_per_s * 0.81));
  };
  const double latency = net->seconds(Collective::all_to_all, 1, CommGroup{16, 8});
  const double expected = leg(1 + 4.0 / 128) + leg(2) + 2 * latency;
  EXPECT_NEAR(cost.layer(k, *net, tokens, false).communication, expected, 1e-9 * expected);
  // Normal kernels for the same tokens are another mechanism (per destination GPU, NVLink forwarding).
  layout.moe.dispatch = MoeServing::Dispatch::normal;
  const serving_detail::ExpertParallelCost normal(m, cluster, layout, Dtype::fp8);
  EXPECT_NE(normal.layer(k, *net, tokens, false).communication, expected);
}

TEST(ExpertParallelCost, AutoDispatchUsesNormalKernelsOnlyWhenPrefilling) {
  const Cluster cluster = h100(32);
  serving_detail::ExpertParallelLayout layout{.tp = 32, .attention_dp = 32, .ep = 32};
  const serving_detail::ExpertParallelCost automatic(deepseek(), cluster, layout, Dtype::fp8);
  layout.moe.dispatch = MoeServing::Dispatch::low_latency;
  const serving_detail::ExpertParallelCost low(deepseek(), cluster, layout, Dtype::fp8);
  layout.moe.dispatch = MoeServing::Dispatch::normal;
  const serving_detail::ExpertParallelCost normal(deepseek(), cluster, layout, Dtype::fp8);
  const auto net = make_cluster_collectives(cluster);
  const KernelCostModel k = KernelCostModel::for_device(cluster.accelerator, KernelCostOptions{true});
  EXPECT_DOUBLE_EQ(automatic.layer(k, *net, 64, false).communication, low.layer(k, *net, 64, false).communication);
  EXPECT_DOUBLE_EQ(automatic.layer(k, *net, 4096, true).communication, normal.layer(k, *net, 4096, true).communication);
}

TEST(StepTimeModel, ExpertParallelWeightsSplitAttentionPerRankAndExpertsOverEveryGpu) {
  const ModelSpec& m = deepseek();
  const ParameterCount p = count_parameters(m);
  MoeServing moe;
  moe.redundant_experts = 32;
  StepTimeModel st(m, h100(72), StepTimeOptions{.tp = 72, .attention_dp = 72, .ep = 72, .moe = moe, .weights = Dtype::fp8});
  const double dense = p.attention + p.dense_ffn + p.shared_experts + p.router;
  const double expected = dense * 1 + (p.embedding + p.norms) * 2 + p.experts * (288.0 / 256) / 72 * 1;
  EXPECT_NEAR(st.weight_bytes_per_gpu(), expected, 1e-9 * expected);
  EXPECT_EQ(st.engine_gpus(), 1);
  EXPECT_TRUE(st.expert_parallel());
  // MLA latent: (512 + 64) elements × 61 layers × 1 byte (fp8 KV), the same on every attention rank.
  StepTimeModel fp8_kv(m, h100(72), StepTimeOptions{.tp = 72, .attention_dp = 72, .ep = 72, .moe = moe,
                                                    .weights = Dtype::fp8, .kv_bytes_per_element = 1});
  EXPECT_DOUBLE_EQ(fp8_kv.kv_bytes_per_token_per_gpu(), 576.0 * 61);
}

TEST(StepTimeModel, TwoBatchOverlapTakesTheLongerStreamNotTheirSum) {
  MoeServing moe;
  moe.redundant_experts = 32;
  moe.dispatch = MoeServing::Dispatch::low_latency;
  const StepTimeOptions base{.tp = 72, .attention_dp = 72, .ep = 72, .moe = moe, .weights = Dtype::fp8,
                             .kv_bytes_per_element = 1};
  StepTimeOptions tbo_options = base;
  tbo_options.moe.two_batch_overlap = true;
  StepTimeModel serial(deepseek(), h100(72), base), overlapped(deepseek(), h100(72), tbo_options);
  const BatchShape decode{.decode_seqs = 128, .decode_context = 128 * 2000.0, .logit_rows = 128};
  const double t_serial = serial.seconds(decode), t_tbo = overlapped.seconds(decode);
  EXPECT_LT(t_tbo, t_serial);
  // The serial step is compute + communication; the overlapped one at least the longer of the two (here the
  // communication, 128 tokens × 8 rows crossing 9 nodes per layer) and more than half the serial step.
  EXPECT_GT(t_tbo, 0.5 * t_serial);
}

TEST(MoeServing, AttentionRanksRunAsEnginesWithTheirOwnBatches) {
  ServingConfig c;
  c.deployment.pool = PoolConfig{.replicas = 1, .tp = 16, .attention_dp = 16, .ep = 16};
  c.deployment.weights = Dtype::fp8;
  c.workload.arrival = ArrivalKind::offline;
  c.workload.requests = 160;
  c.workload.input.mean = 256;
  c.workload.output.mean = 16;
  Result<ServingResult> r = simulate_serving(deepseek(), h100(16), c);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r.value().requests, 160);
  // 16 engines share 160 requests: about 10 sequences each, never all 160 in one batch.
  EXPECT_LE(r.value().mean_batch_sequences, 20);
  EXPECT_EQ(r.value().gpus, 16);
}

TEST(MoeServing, ParallelismThatDoesNotFitTheModelIsAnErrorNamingTheField) {
  ServingConfig c;
  c.workload.arrival = ArrivalKind::offline;
  c.workload.requests = 1;
  c.deployment.pool = PoolConfig{.replicas = 1, .tp = 24, .attention_dp = 24, .ep = 24};  // 24 ∤ 256 experts
  Result<ServingResult> r = simulate_serving(deepseek(), h100(24), c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "serving.ep");
  c.deployment.moe.redundant_experts = 8;  // 264 slots = 24 × 11
  c.deployment.weights = Dtype::fp8;
  EXPECT_TRUE(simulate_serving(deepseek(), h100(24), c).ok());
  c.deployment.pool = PoolConfig{.replicas = 1, .tp = 8, .attention_dp = 3};
  r = simulate_serving(deepseek(), h100(8), c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "serving.attention_dp");
  c.deployment.pool = PoolConfig{.replicas = 1, .tp = 8, .ep = 8};
  r = simulate_serving(*ModelCatalog::builtin().find("llama3.1-8b"), h100(8), c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "serving.ep");
}

}  // namespace
}  // namespace stargate
