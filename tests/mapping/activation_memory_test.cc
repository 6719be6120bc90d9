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
  return per_layer * layers_in_stage(m->layers, c.pp, 0) * in_flight_micro_batches(plan, c.micro_batches) / kGiB;
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

TEST(ActivationMemory, InFlightMicroBatchesFollowSchedule) {
  ParallelPlan plan;
  plan.pp = 8;
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 64), 8);
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 4), 4);  // fewer micro-batches than stages
  plan.vpp = 3;
  EXPECT_DOUBLE_EQ(in_flight_micro_batches(plan, 64), 8 + 7.0 / 3);
}

}  // namespace
}  // namespace stargate
