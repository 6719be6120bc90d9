// Windowed attention in the training step (ModelSpec::local_attention; docs/training-model.md "Windowed
// attention"): a windowed layer's attention core covers the window's pairs only, the rest of the layer is unchanged.
#include <gtest/gtest.h>

#include "sim/training_fixture.h"
#include "stargate/mapping/memory_model.h"
#include "stargate/workload/layer_operators.h"

namespace stargate {
namespace {

using testing_support::make_cluster;
using testing_support::make_job;
using testing_support::plan;

const Operator& attention_core(const std::vector<Operator>& ops) {
  for (const Operator& op : ops) {
    if (op.kind == OpKind::attention) return op;
  }
  throw std::logic_error("no attention core");
}

ModelSpec with_window(ModelSpec m, LocalAttention::Kind kind, int window, int layers) {
  m.local_attention = LocalAttention{.kind = kind, .window = window, .layers = layers};
  return m;
}

TEST(LocalAttentionTraining, CoreCoversTheWindowPairsOnly) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");  // 32 heads of 128
  LayerShard s{.micro_batch = 2, .seq_len = 4096};
  std::vector<Operator> ops;
  append_layer_operators(m, s, 0, ops);
  const double full = attention_core(ops).forward_flops();
  EXPECT_DOUBLE_EQ(full, 4.0 * 2 * 32 * 128 * (4096.0 * 4096 / 2));  // causal: s²/2 pairs per sequence

  // Sliding 128: every query sees 128 keys, 4096·128 pairs per sequence (exact: 4096·128 − 128²/2).
  s.local_attention = LocalAttention{.kind = LocalAttention::Kind::sliding, .window = 128, .layers = 1};
  ops.clear();
  append_layer_operators(m, s, 0, ops);
  const Operator& sliding = attention_core(ops);
  EXPECT_DOUBLE_EQ(sliding.forward_flops(), 4.0 * 2 * 32 * 128 * (4096.0 * 128));
  EXPECT_FALSE(sliding.causal);
  EXPECT_DOUBLE_EQ(sliding.batch * sliding.s_q, 2 * 4096.0);  // every query still counted once

  // Chunked 1024: four causal chunks of 1024, 4·1024²/2 pairs per sequence (exact).
  s.local_attention = LocalAttention{.kind = LocalAttention::Kind::chunked, .window = 1024, .layers = 1};
  ops.clear();
  append_layer_operators(m, s, 0, ops);
  EXPECT_DOUBLE_EQ(attention_core(ops).forward_flops(), 4.0 * 2 * 32 * 128 * (4 * 1024.0 * 1024 / 2));
  EXPECT_TRUE(attention_core(ops).causal);

  // A window as long as the sequence is full attention.
  s.local_attention = LocalAttention{.kind = LocalAttention::Kind::sliding, .window = 4096, .layers = 1};
  ops.clear();
  append_layer_operators(m, s, 0, ops);
  EXPECT_DOUBLE_EQ(attention_core(ops).forward_flops(), full);
}

TEST(LocalAttentionTraining, WindowedLayersAreSpreadEvenlyOverThePipelineStages) {
  // gpt-oss-120b's shape: 36 layers, 18 of them sliding. Over 4 stages of 9 layers: ⌊9/2⌋ = 4, then 9 − 4 = 5, ...
  const ModelSpec m = *ModelCatalog::builtin().find("gpt-oss-120b");
  ASSERT_TRUE(m.local_attention);
  ASSERT_EQ(m.local_attention->layers, 18);
  const ParallelPlan p = plan(1, 4, 1);
  int total = 0;
  const int expected[4] = {4, 5, 4, 5};
  for (int stage = 0; stage < 4; ++stage) {
    EXPECT_EQ(stage_layers(m, p, stage).local, expected[stage]) << stage;
    total += stage_layers(m, p, stage).local;
  }
  EXPECT_EQ(total, 18);
  // Llama 4's 36 chunked layers of 48: three in every four.
  const ModelSpec scout = *ModelCatalog::builtin().find("llama4-scout");
  EXPECT_EQ(stage_layers(scout, plan(1, 12, 1), 5).local, 3);
  EXPECT_EQ(stage_layers(*ModelCatalog::builtin().find("llama3-8b"), p, 0).local, 0);
}

TEST(LocalAttentionTraining, StepTimeIsLinearInTheWindowedLayersAndUnchangedByAWindowPastTheSequence) {
  // One GPU: the step is micro-batches × (layers' times) + optimizer, so each windowed layer moves it by the same
  // amount, the attention it no longer computes.
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 1);
  const TrainingJob job = make_job(8192, 4, plan(1, 1, 1));
  const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
  const auto net = make_alpha_beta_collectives(cluster);
  const ModelSpec& base = *ModelCatalog::builtin().find("llama3-8b");
  auto step = [&](const ModelSpec& m) { return estimate_training_step(m, cluster, job, kernels, *net).step_seconds; };
  const int layers = base.layers;
  const double none = step(base);
  const double half = step(with_window(base, LocalAttention::Kind::sliding, 128, layers / 2));
  const double all = step(with_window(base, LocalAttention::Kind::sliding, 128, layers));
  EXPECT_LT(all, half);
  EXPECT_LT(half, none);
  EXPECT_NEAR(half, (none + all) / 2, 1e-9 * none);
  // Attention at 8K tokens is a fifth of an 8B model's layer time: a 128-token window removes most of it.
  EXPECT_LT(all, 0.9 * none);
  EXPECT_DOUBLE_EQ(step(with_window(base, LocalAttention::Kind::sliding, 8192, layers)), none);
  EXPECT_DOUBLE_EQ(step(with_window(base, LocalAttention::Kind::chunked, 16384, layers)), none);
}

}  // namespace
}  // namespace stargate
