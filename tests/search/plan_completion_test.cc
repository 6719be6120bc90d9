// Completing a partial plan: only the open fields vary, the fastest fitting completion is chosen (or the seed
// when asked to keep it), and the range covers every fitting completion.
#include "stargate/search/plan_completion.h"

#include <gtest/gtest.h>

#include "../sim/training_fixture.h"

namespace stargate {
namespace {

// GPT-3 175B on 384 A100 80GB at TP 8 · PP 8 · DP 6, 4096-token sequences, no recompute, ZeRO-0, fp16; only
// micro_batch is open. By hand: weights, fp32 gradients and Adam states take 18 B × 175e9 / 64 ≈ 45.8 GiB; with
// sequence parallelism and FlashAttention each layer keeps 34·s·h/t = 34 · 4096 · 12288 / 8 B ≈ 0.2 GiB per
// sequence, × 12 layers × 8 micro-batches in flight on stage 0 ≈ 19 GiB per micro-batch sequence. micro_batch 1
// needs ≈ 65 GiB and fits in 80; 2 needs ≈ 84 GiB and does not; larger ones need more.
struct Gpt3On384 {
  const ModelSpec& model = *ModelCatalog::builtin().find("megatron-gpt-175b");
  Cluster cluster = testing_support::make_cluster("a100-80gb", "dgx-a100", 384);
  KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
  std::unique_ptr<CollectiveModel> net = make_alpha_beta_collectives(cluster);

  TrainingJob job(PlanFieldSet open) const {
    ParallelPlan p = testing_support::plan(8, 8, 6, 1);
    p.sequence_parallel = true;
    p.recompute = Recompute::none;
    p.zero_stage = 0;
    p.precision = Dtype::fp16;
    TrainingJob j = testing_support::make_job(4096, 1536, p);
    j.open_fields = open;
    return j;
  }
};

PlanFieldSet only(PlanField f) {
  PlanFieldSet s;
  s.add(f);
  return s;
}

TEST(PlanCompletion, OnlyTheOpenFieldChangesAndMemoryLeavesExactlyOneMicroBatch) {
  Gpt3On384 g;
  const PlanCompletion c = complete_plan(g.model, g.cluster, g.job(only(PlanField::micro_batch)), g.kernels, *g.net);
  ASSERT_TRUE(c.found);
  EXPECT_EQ(c.plan.micro_batch, 1);
  EXPECT_EQ(c.completions, 1);
  EXPECT_GT(c.candidates, 1);  // larger micro-batches were tried and did not fit
  EXPECT_DOUBLE_EQ(c.step_seconds_min, c.step_seconds_max);
  EXPECT_EQ(c.plan.tp, 8);
  EXPECT_EQ(c.plan.pp, 8);
  EXPECT_EQ(c.plan.dp, 6);
  EXPECT_EQ(c.plan.recompute, Recompute::none);
  EXPECT_FALSE(c.seed_kept);
}

TEST(PlanCompletion, SeedIsKeptWhenAskedAndItFitsEvenIfSlower) {
  Gpt3On384 g;
  TrainingJob job = g.job(only(PlanField::vpp));
  job.plan.vpp = 1;  // seed; interleaving (vpp > 1) shrinks the bubble, so the fastest completion differs
  const PlanCompletion fastest = complete_plan(g.model, g.cluster, job, g.kernels, *g.net);
  const PlanCompletion seeded =
      complete_plan(g.model, g.cluster, job, g.kernels, *g.net, {}, CompletionChoice::seed_when_fits);
  ASSERT_TRUE(fastest.found && seeded.found);
  EXPECT_GT(fastest.plan.vpp, 1);
  EXPECT_EQ(seeded.plan.vpp, 1);
  EXPECT_TRUE(seeded.seed_kept);
  // Same search, same range: only the choice differs.
  EXPECT_EQ(seeded.completions, fastest.completions);
  EXPECT_DOUBLE_EQ(seeded.step_seconds_min, fastest.step_seconds_min);
}

}  // namespace
}  // namespace stargate
