// Mixed-hardware disaggregation: each pool timed, sized and priced on its own accelerator, and the KV transfer
// between the pools priced over the slower endpoint (serving_config.h PoolHardware, kv_transfer.h).
#include <gtest/gtest.h>

#include "serving_fixture.h"

#include <algorithm>

#include "stargate/catalog/catalog.h"
#include "stargate/serving/kv_transfer.h"
#include "stargate/serving/simulator.h"
#include "stargate/serving/step_time.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

using testing_serving::h100;
using testing_serving::llama8b;

// An H100-like card scaled from the same calibration, with `hbm_scale` times the HBM bandwidth.
PoolHardware card(double hbm_scale, double usd_per_gpu_hour = 2) {
  Cluster base = h100(8);
  PoolHardware h{.accelerator = base.accelerator, .node = base.node,
                 .gpu_hour_cost = GpuHourCost{.explicit_usd = usd_per_gpu_hour}};
  h.accelerator.id = hbm_scale == 1 ? "test-card" : "test-card-fast-hbm";
  h.accelerator.calibration.clear();  // both scaled the same way from the nearest calibrated card
  h.accelerator.hbm_bandwidth_bytes_per_s *= hbm_scale;
  return h;
}

// One request through a disaggregated deployment, prefill and decode replicas on the hardware given.
ServingConfig one_request(int input, int output, std::optional<PoolHardware> prefill,
                          std::optional<PoolHardware> decode) {
  ServingConfig c;
  c.workload.arrival = ArrivalKind::offline;
  c.workload.requests = 1;
  c.workload.input = {LengthDistribution::Kind::fixed, double(input)};
  c.workload.output = {LengthDistribution::Kind::fixed, double(output)};
  c.deployment.prefill_pool = PoolConfig{.replicas = 1, .tp = 1, .hardware = std::move(prefill)};
  c.deployment.decode_pool = PoolConfig{.replicas = 1, .tp = 1, .hardware = std::move(decode)};
  c.deployment.kv_transfer_bandwidth = 50e9;
  return c;
}

ServingResult simulate(const ServingConfig& c, int gpus = 8) {
  Result<ServingResult> r = simulate_serving(llama8b(), h100(gpus), c);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : ServingResult{};
}

TEST(MixedHardware, MemoryBoundDecodeStep_HalvesOnTwiceTheHbmBandwidth) {
  // A batch-1 decode of an 8B model reads 16 GB of weights per token: memory-bound, so its time is bytes / HBM
  // bandwidth and halves when the bandwidth doubles (up to the fixed per-kernel costs).
  const BatchShape decode{.decode_seqs = 1, .decode_context = 1024, .logit_rows = 1};
  StepTimeModel slow(llama8b(), pool_cluster(h100(8), PoolConfig{.hardware = card(1)}), StepTimeOptions{});
  StepTimeModel fast(llama8b(), pool_cluster(h100(8), PoolConfig{.hardware = card(2)}), StepTimeOptions{});
  const double ratio = fast.seconds(decode) / slow.seconds(decode);
  EXPECT_GT(ratio, 0.48);
  EXPECT_LT(ratio, 0.6);
  // The simulator times the decode pool on its own card: TPOT halves the same way; TTFT (prefill pool) is equal.
  const ServingResult on_slow = simulate(one_request(512, 65, card(1), card(1)));
  const ServingResult on_fast = simulate(one_request(512, 65, card(1), card(2)));
  EXPECT_DOUBLE_EQ(on_fast.ttft.mean, on_slow.ttft.mean);
  EXPECT_NEAR(on_fast.tpot.mean / on_slow.tpot.mean, ratio, 0.02);
}

TEST(MixedHardware, Cost_IsTheSumOverPoolsOfGpusTimesTheirOwnPrice) {
  ServingConfig c = one_request(512, 64, card(1, 2.0), card(2, 5.0));
  c.deployment.prefill_pool->replicas = 2;  // 2 GPUs at $2
  c.deployment.decode_pool->tp = 2;         // 2 GPUs at $5
  const ServingResult r = simulate(c);
  ASSERT_EQ(r.pools.size(), 2u);
  EXPECT_EQ(r.pools[0].accelerator, "test-card");
  EXPECT_EQ(r.pools[1].accelerator, "test-card-fast-hbm");
  EXPECT_EQ(r.gpus, 4);
  const double hours = r.duration / 3600;
  EXPECT_NEAR(r.pools[0].cost_usd, 2 * 2.0 * hours, 1e-12);
  EXPECT_NEAR(r.pools[1].cost_usd, 2 * 5.0 * hours, 1e-12);
  EXPECT_NEAR(r.cost_usd, (2 * 2.0 + 2 * 5.0) * hours, 1e-12);
  EXPECT_NEAR(r.price_per_gpu_hour, (2 * 2.0 + 2 * 5.0) / 4, 1e-12);  // the GPU-weighted mean
  EXPECT_NEAR(r.usd_per_million_output_tokens, r.cost_usd / r.output_tokens * 1e6, 1e-9);
}

TEST(MixedHardware, KvTransferTime_IsBytesOverBandwidth) {
  // Llama 3.1 8B at TP 1, bf16 KV: 2 (K, V) × 8 KV heads × 128 dims × 32 layers × 2 bytes = 131,072 bytes/token.
  // The request waits for its 1,000-token KV between its first token and its decode: halving the bandwidth adds
  // exactly 1,000 × 131,072 B / 1 GB/s − 1,000 × 131,072 B / 2 GB/s to its end-to-end latency.
  ServingConfig fast = one_request(1000, 2, std::nullopt, std::nullopt), slow = fast;
  fast.deployment.kv_transfer_bandwidth = 2e9;
  slow.deployment.kv_transfer_bandwidth = 1e9;
  const ServingResult f = simulate(fast), s = simulate(slow);
  EXPECT_DOUBLE_EQ(f.kv_transfer_bytes_per_token_per_gpu, 131072);
  EXPECT_DOUBLE_EQ(f.kv_transfer_bandwidth, 2e9);
  EXPECT_NEAR(s.e2e.mean - f.e2e.mean, 1000 * 131072 / 1e9 - 1000 * 131072 / 2e9, 1e-9);
}

TEST(MixedHardware, KvTransferBytes_AreTheLargerShardOfTheTwoTpLayouts) {
  // 8 KV heads: TP 1 holds all 8 per GPU (131,072 B/token), TP 2 four, TP 8 one (16,384 B/token).
  struct Row { int prefill_tp, decode_tp; double bytes; };
  for (const Row row : {Row{1, 1, 131072}, Row{1, 8, 131072}, Row{8, 2, 65536}, Row{8, 8, 16384}}) {
    ServingConfig c = one_request(256, 4, std::nullopt, std::nullopt);
    c.deployment.prefill_pool->tp = row.prefill_tp;
    c.deployment.decode_pool->tp = row.decode_tp;
    EXPECT_DOUBLE_EQ(simulate(c, 16).kv_transfer_bytes_per_token_per_gpu, row.bytes)
        << row.prefill_tp << " → " << row.decode_tp;
  }
}

TEST(MixedHardware, DefaultTransferBandwidth_IsTheSlowerEndpointsNicPerGpu) {
  const Cluster cluster = h100(8);
  ServingDeployment d;
  d.prefill_pool = PoolConfig{.hardware = card(1)};
  d.decode_pool = PoolConfig{.hardware = card(1)};
  d.prefill_pool->hardware->node.nic_bandwidth_per_gpu_bytes_per_s = 50e9;
  d.decode_pool->hardware->node.nic_bandwidth_per_gpu_bytes_per_s = 25e9;
  EXPECT_DOUBLE_EQ(kv_transfer_bandwidth(d, cluster), 25e9);
  d.kv_transfer_bandwidth = 80e9;  // stated: it wins
  EXPECT_DOUBLE_EQ(kv_transfer_bandwidth(d, cluster), 80e9);
  d.kv_transfer_bandwidth = 0;
  d.decode_pool->hardware.reset();  // the cluster's node
  EXPECT_DOUBLE_EQ(kv_transfer_bandwidth(d, cluster),
                   std::min(50e9, cluster.node.nic_bandwidth_per_gpu_bytes_per_s));
}

TEST(MixedHardware, EachPoolsKvCache_IsSizedFromItsOwnHbm) {
  PoolHardware big = card(1);
  big.accelerator.id = "test-card-big-hbm";
  big.accelerator.hbm_capacity_bytes *= 2;
  const ServingResult r = simulate(one_request(256, 4, card(1), big));
  ASSERT_EQ(r.pools.size(), 2u);
  // blocks = (HBM × 0.9 − weights − activations) / (KV bytes per token × 16): the extra HBM is all KV cache.
  const double block_bytes = r.pools[0].kv_bytes_per_token_per_gpu * 16;
  const double extra_blocks = card(1).accelerator.hbm_capacity_bytes * 0.9 / block_bytes;
  EXPECT_NEAR(double(r.pools[1].kv_blocks_per_replica - r.pools[0].kv_blocks_per_replica), extra_blocks, 1.0);
}

TEST(MixedHardware, SameHardwareInBothPools_PricesAsOneCluster) {
  // Pools without hardware of their own: exactly the single-accelerator figures (GPUs × duration × price).
  ServingConfig c = one_request(512, 32, std::nullopt, std::nullopt);
  c.deployment.price_per_gpu_hour = 3;
  const ServingResult r = simulate(c);
  EXPECT_EQ(r.cost_usd, usd_for_gpu_seconds(GpuHourCost{.explicit_usd = 3}, r.gpus * r.duration));
  EXPECT_EQ(r.price_per_gpu_hour, 3);
  ASSERT_EQ(r.pools.size(), 2u);
  EXPECT_EQ(r.pools[0].accelerator, "h100-sxm");
}

}  // namespace
}  // namespace stargate
