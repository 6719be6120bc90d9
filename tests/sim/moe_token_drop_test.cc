// Token dropping with padding to capacity and the fp8 padding copies of the grouped expert GEMMs
// (docs/training-model.md "Mixture of experts": "Token dropping", "Fp8 padding of expert rows").
#include <gtest/gtest.h>

#include "sim/operator_timing.h"
#include "sim/training_fixture.h"
#include "stargate/mapping/plan_layer_shard.h"
#include "stargate/mapping/plan_validation.h"

namespace stargate {
namespace {

using testing_support::estimate;
using testing_support::make_cluster;
using testing_support::make_job;
using testing_support::plan;

struct CapacityRow {
  double tokens;
  int top_k, experts;
  double capacity_factor;
  double load;  // ceil(tokens·top_k/experts·c) / (tokens·top_k/experts)
};

TEST(PaddedCapacityLoad, IsTheCeiledCapacityOverTheMeanRows) {
  const CapacityRow rows[] = {
      {8192, 8, 128, 1.0, 1.0},            // 512 rows per expert exactly
      {100, 2, 8, 1.0, 1.0},               // 25 exactly
      {100, 3, 8, 1.0, 38 / 37.5},         // 37.5 → 38
      {100, 2, 8, 1.25, 32 / 25.0},        // 31.25 → 32
      {100, 2, 8, 0.5, 13 / 25.0},         // drops half: 12.5 → 13
      {100, 2, 8, 0.0, 1.0},               // dropless: no capacity
  };
  for (const CapacityRow& r : rows) {
    EXPECT_NEAR(padded_capacity_load(r.tokens, r.top_k, r.experts, r.capacity_factor), r.load, 1e-12)
        << r.tokens << " tokens, capacity " << r.capacity_factor;
  }
  // Each of the 8 source ranks sends every expert its capacity of 512 rows.
  EXPECT_EQ(padded_capacity_rows_per_expert(8192, 8, 128, 1.0, 8), 4096);
}

ParallelPlan qwen_plan(Dtype precision, double capacity_factor) {
  ParallelPlan p = plan(1, 2, 8, 2, 24);
  p.ep = 8;
  p.precision = precision;
  p.expert_capacity_factor = capacity_factor;
  return p;
}

TEST(TokenDrop, PaddedCapacityReplacesTheRoutingImbalance) {
  const ModelSpec& m = *ModelCatalog::builtin().find("qwen3-30b-a3b");
  // Dropless: the expected busiest rank of random routing is above the mean; capacity 1: exactly the mean.
  EXPECT_GT(plan_expert_imbalance(m, qwen_plan(Dtype::bf16, 0), 4096), 1.0);
  EXPECT_DOUBLE_EQ(plan_expert_imbalance(m, qwen_plan(Dtype::bf16, 1.0), 4096), 1.0);
  // A stated imbalance still wins (it is a measured property of the run).
  ParallelPlan stated = qwen_plan(Dtype::bf16, 1.0);
  stated.expert_imbalance = 1.3;
  EXPECT_DOUBLE_EQ(plan_expert_imbalance(m, stated, 4096), 1.3);
}

struct AlignmentRow {
  Dtype precision;
  Fp8Recipe recipe;
  double capacity_factor;
  int seq_len;
  int alignment;
};

TEST(Fp8ExpertPadding, HappensUnlessEveryExpertsRowsAreAligned) {
  const ModelSpec& m = *ModelCatalog::builtin().find("qwen3-30b-a3b");
  const AlignmentRow rows[] = {
      {Dtype::bf16, Fp8Recipe::delayed, 0, 4096, 0},     // bf16 GEMMs take any row count
      {Dtype::fp8, Fp8Recipe::delayed, 0, 4096, 16},     // dropless: counts vary, padded to 16
      {Dtype::fp8, Fp8Recipe::mxfp8, 0, 4096, 32},       // MXFP8 blocks are 32 rows
      {Dtype::fp8, Fp8Recipe::delayed, 1.0, 4096, 0},    // 512 per source × 8 = 4096 rows: aligned
      {Dtype::fp8, Fp8Recipe::delayed, 1.0, 50, 16},     // 2·50·8/128 = 6.25 → 7 per source × 8 = 56 rows
  };
  for (const AlignmentRow& r : rows) {
    ParallelPlan p = qwen_plan(r.precision, r.capacity_factor);
    p.fp8_recipe = r.recipe;
    EXPECT_EQ(plan_layer_shard(m, p, r.seq_len, true).expert_row_alignment, r.alignment)
        << fp8_recipe_name(r.recipe) << " capacity " << r.capacity_factor << " seq " << r.seq_len;
  }
}

TEST(Fp8ExpertPadding, CopiesTheRoutedRowsBothWaysInEachDirection) {
  const ModelSpec& m = *ModelCatalog::builtin().find("qwen3-30b-a3b");
  const LayerShard shard = plan_layer_shard(m, qwen_plan(Dtype::fp8, 0), 4096, true);
  std::vector<Operator> ops;
  append_layer_operators(m, shard, 0, ops);
  const KernelCostModel k = KernelCostModel::for_device(make_cluster("h100-sxm", "dgx-h100", 16).accelerator);
  // routed rows = 2·4096 tokens · top 8 · imbalance; each copy reads and writes them once (bf16, 2048 wide).
  const double bytes = 2 * 2 * 4096 * 8 * shard.expert_load_imbalance * 2048 * 2;
  int copies = 0;
  for (const Operator& op : ops) {
    if (std::string(op.name) != "fp8_pad" && std::string(op.name) != "fp8_unpad") continue;
    ++copies;
    EXPECT_DOUBLE_EQ(op.bytes, bytes);
    const detail::OpTimes t = detail::time_operator(op, k, Dtype::fp8);
    EXPECT_DOUBLE_EQ(t.backward, t.forward);  // the gradient is copied back: same bytes
  }
  EXPECT_EQ(copies, 2);
}

TEST(TokenDrop, PaddedCapacitySkipsTheFp8CopiesAndTheRandomImbalance) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 16);
  const TrainingEstimate dropless = estimate("qwen3-30b-a3b", cluster, make_job(4096, 512, qwen_plan(Dtype::fp8, 0)));
  const TrainingEstimate drop = estimate("qwen3-30b-a3b", cluster, make_job(4096, 512, qwen_plan(Dtype::fp8, 1.0)));
  const int routing = static_cast<int>(OpClass::moe_routing);
  EXPECT_LT(drop.breakdown.compute_seconds[routing], dropless.breakdown.compute_seconds[routing]);
  EXPECT_LT(drop.breakdown.ep_comm_seconds, dropless.breakdown.ep_comm_seconds);
  EXPECT_LT(drop.step_seconds, dropless.step_seconds);
}

TEST(TokenDrop, CapacityFactorOutsideItsRangeIsAPlanProblem) {
  const ModelSpec& m = *ModelCatalog::builtin().find("qwen3-30b-a3b");
  const AcceleratorSpec& a = *Catalog::builtin().find_accelerator("h100-sxm");
  ParallelPlan p = qwen_plan(Dtype::bf16, -1);
  EXPECT_EQ(check_plan(m, a, p, PlanContext{16, 4096, 512})->field, "expert_capacity_factor");
  p.expert_capacity_factor = 1e9;
  EXPECT_EQ(check_plan(m, a, p, PlanContext{16, 4096, 512})->field, "expert_capacity_factor");
  p.expert_capacity_factor = 1.0;
  EXPECT_FALSE(check_plan(m, a, p, PlanContext{16, 4096, 512}));
}

}  // namespace
}  // namespace stargate
