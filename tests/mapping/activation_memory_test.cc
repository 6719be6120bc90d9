// Korthikanti et al. 2022 ("Reducing Activation Recomputation in Large Transformer Models"), Figure 1: activation
// memory per GPU of the first pipeline stage for the Table 3 configurations.
#include <gtest/gtest.h>

#include "stargate/mapping/memory_model.h"
#include "stargate/workload/model_catalog.h"

#include "parameter_name.h"

namespace stargate {
namespace {

constexpr double kGiB = 1073741824.0;

struct KorthikantiCase {
  const char* model;
  int tp, pp, vpp, micro_batch, micro_batches;
  double no_recompute_gib;         // no sequence parallelism, no recompute
  double sp_selective_gib;         // sequence parallelism + selective recompute
};

std::string_view label(const KorthikantiCase& c) { return c.model; }
void PrintTo(const KorthikantiCase& c, std::ostream* out) {
  *out << c.model << " tp" << c.tp << " pp" << c.pp << " vpp" << c.vpp << " mb" << c.micro_batch;
}

class KorthikantiFigure1 : public testing::TestWithParam<KorthikantiCase> {};

double activation_gib(const KorthikantiCase& c, bool sp, Recompute recompute) {
  const ModelSpec* m = ModelCatalog::builtin().find(c.model);
  EXPECT_NE(m, nullptr) << c.model;
  ParallelPlan plan;
  plan.tp = c.tp;
  plan.pp = c.pp;
  plan.vpp = c.vpp;
  plan.micro_batch = c.micro_batch;
  plan.sequence_parallel = sp;
  plan.recompute = recompute;
  // Stage 0 holds the most micro-batches in flight: the number Figure 1 reports.
  const double per_layer = layer_activation_bytes(*m, LayerShard{c.tp, 1, 1, sp, static_cast<double>(c.micro_batch), 2048, 1, m->dropout, false},
                                                  0, recompute, false);
  return per_layer * layers_in_stage(m->layers, c.pp, 0) * in_flight_micro_batches(plan, c.micro_batches, 0) / kGiB;
}

TEST_P(KorthikantiFigure1, ActivationMemory_NoRecomputeNoSequenceParallelWithin5Percent) {
  const KorthikantiCase& c = GetParam();
  EXPECT_NEAR(activation_gib(c, false, Recompute::none), c.no_recompute_gib, 0.05 * c.no_recompute_gib);
}

TEST_P(KorthikantiFigure1, ActivationMemory_SequenceParallelSelectiveRecomputeWithin5Percent) {
  const KorthikantiCase& c = GetParam();
  EXPECT_NEAR(activation_gib(c, true, Recompute::selective), c.sp_selective_gib, 0.05 * c.sp_selective_gib);
}

// Table 3: 22B t8 p1 (micro-batch 4); 175B t8 p8 interleaved 3; 530B t8 p35 interleaved 3; 1T t8 p64.
INSTANTIATE_TEST_SUITE_P(Table3, KorthikantiFigure1,
                         testing::Values(KorthikantiCase{"megatron-gpt-22b", 8, 1, 1, 4, 1, 59.25, 9.56},
                                         KorthikantiCase{"megatron-gpt-175b", 8, 8, 3, 1, 64, 66.84, 12.35},
                                         KorthikantiCase{"megatron-gpt-530b", 8, 35, 3, 1, 280, 114.02, 23.08},
                                         KorthikantiCase{"megatron-gpt-1t", 8, 64, 1, 1, 512, 131.25, 26.56}),
                         test_names::ParameterName{});

TEST(ActivationMemory, SelectiveRecomputeDropsAttentionTerm) {
  const ModelSpec& m = *ModelCatalog::builtin().find("megatron-gpt-22b");
  LayerShard shard{8, 1, 1, true, 1, 2048, 1, true, false};
  const double none = layer_activation_bytes(m, shard, 0, Recompute::none, false);
  const double selective = layer_activation_bytes(m, shard, 0, Recompute::selective, false);
  // s·b·h·(34/t + 5·a·s/(h·t)) versus s·b·h·34/t (Korthikanti eq. 2 and §5).
  const double sbh = 2048.0 * 6144;
  EXPECT_DOUBLE_EQ(selective, sbh * 34 / 8);
  EXPECT_DOUBLE_EQ(none, sbh * (34.0 / 8 + 5.0 * 64 * 2048 / (6144.0 * 8)));
}

TEST(ActivationMemory, FullRecomputeKeepsOnlyLayerInput) {
  const ModelSpec& m = *ModelCatalog::builtin().find("megatron-gpt-22b");
  LayerShard shard{8, 1, 1, true, 2, 2048, 1, true, true};
  EXPECT_DOUBLE_EQ(layer_activation_bytes(m, shard, 0, Recompute::full, true), 2.0 * 2048 * 2 * 6144 / 8);
}

TEST(ActivationMemory, InFlightMicroBatchesFollowOneFOneBWarmup) {
  ParallelPlan plan;
  plan.pp = 8;
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 64, 0), 8);  // p − 1 warm-up forwards + 1
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 4, 0), 4);   // fewer micro-batches than stages
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 64, 7), 1);  // the last stage runs 1F1B at once
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 64, 5), 3);
}

// Hand-derived from Megatron-LM's get_pp_rank_microbatches() for pp 4, vpp 2, m 8 (16 chunk forwards per rank):
// rank r warms up with 2·(4 − r − 1) + (2 − 1)·4 chunks, then its first 1F1B step adds one forward before the
// first backward. Rank 0: 6 + 4 + 1 = 11 chunks of half a stage = 5.5 micro-batches (= p + (p − 1)/v);
// rank 3: 0 + 4 + 1 = 5 chunks = 2.5 micro-batches.
TEST(ActivationMemory, InFlightMicroBatchesFollowInterleavedWarmup) {
  ParallelPlan plan;
  plan.pp = 4;
  plan.vpp = 2;
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 8, 0), 5.5);
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 8, 1), 4.5);
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 8, 3), 2.5);
  // m = p: rank 0's warm-up (10 chunks) exceeds the 8 chunk forwards, so all forwards run first: m micro-batches.
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 4, 0), 4);
}

TEST(ActivationMemory, InterleavingRaisesActivationMemoryWhenMicroBatchesExceedStages) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3.1-405b");
  ParallelPlan plan;
  plan.tp = 8;
  plan.pp = 16;
  plan.dp = 128;
  plan.sequence_parallel = true;
  plan.zero_stage = 2;
  const MemoryInputs in{.seq_len = 8192, .micro_batches = 64, .flash_attention = true};
  const double plain = estimate_memory(m, plan, in).activations_bytes;
  plan.vpp = 2;
  const double interleaved = estimate_memory(m, plan, in).activations_bytes;
  EXPECT_NEAR(interleaved / plain, (16 + 15.0 / 2) / 16, 1e-9);
  // With m = p every schedule holds all m micro-batches on stage 0.
  const MemoryInputs equal{.seq_len = 8192, .micro_batches = 16, .flash_attention = true};
  EXPECT_DOUBLE_EQ(estimate_memory(m, plan, equal).activations_bytes,
                   [&] { ParallelPlan q = plan; q.vpp = 1; return estimate_memory(m, q, equal).activations_bytes; }());
}

}  // namespace
}  // namespace stargate
