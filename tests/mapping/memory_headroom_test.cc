// "Fits" means within the HBM less the accelerator's headroom: the headroom shrinks the fitting set by exactly the
// plans whose memory falls in the reserve, in train and search alike.
#include <gtest/gtest.h>

#include "../sim/training_fixture.h"
#include "stargate/mapping/memory_model.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/search/plan_evaluator.h"
#include "stargate/search/training_space.h"

namespace stargate {
namespace {

TEST(MemoryHeadroom, FitsUpToCapacityLessHeadroomToTheByte) {
  Cluster cluster = testing_support::make_cluster("a100-80gb", "dgx-a100", 8);
  cluster.accelerator.memory_headroom_fraction = 0.25;
  MemoryBreakdown m;
  m.weights_bytes = cluster.accelerator.hbm_capacity_bytes * 0.75;
  EXPECT_TRUE(fits_in_memory(m, cluster));
  m.weights_bytes += 1;
  EXPECT_FALSE(fits_in_memory(m, cluster));
}

TEST(MemoryHeadroom, CatalogDefaultIsTheCitedFivePercent) {
  const Cluster cluster = testing_support::make_cluster("h100-sxm", "dgx-h100", 8);
  EXPECT_DOUBLE_EQ(cluster.accelerator.memory_headroom_fraction, kDefaultMemoryHeadroom);
  EXPECT_DOUBLE_EQ(cluster.accelerator.usable_hbm_bytes(), 0.95 * cluster.accelerator.hbm_capacity_bytes);
}

TEST(MemoryHeadroom, ShrinksTheFittingSetExactlyByThePlansInTheReserve) {
  const ModelSpec& model = *ModelCatalog::builtin().find("gpt3-175b");
  Cluster open = testing_support::make_cluster("a100-80gb", "dgx-a100", 128);
  open.accelerator.memory_headroom_fraction = 0;
  Cluster reserved = open;
  reserved.accelerator.memory_headroom_fraction = 0.1;
  const double capacity = open.accelerator.hbm_capacity_bytes;
  const KernelCostModel kernels = KernelCostModel::for_device(open.accelerator);
  const auto net = make_cluster_collectives(open);
  PlanEvaluator without(model, open, 2048, 256, kernels, *net, SearchObjective::step_time);
  PlanEvaluator with(model, reserved, 2048, 256, kernels, *net, SearchObjective::step_time);
  TrainingSpace space = default_training_space(model, open, 2048);
  space.micro_batch = {1, 2};
  space.vpp = {1, 2};
  size_t fit_without = 0, fit_with = 0, in_reserve = 0;
  for (const ParallelPlan& plan : enumerate_plans(space, model, open.gpus, 256, 2048)) {
    const PlanScore a = without.score(plan);
    const PlanScore b = with.score(plan);
    if (a.verdict == PlanVerdict::does_not_fit || a.verdict == PlanVerdict::scored) {
      EXPECT_DOUBLE_EQ(a.memory_bytes, b.memory_bytes);
    }
    fit_without += a.verdict == PlanVerdict::scored;
    fit_with += b.verdict == PlanVerdict::scored;
    in_reserve += a.verdict == PlanVerdict::scored && a.memory_bytes > 0.9 * capacity;
    EXPECT_EQ(b.verdict == PlanVerdict::scored, a.verdict == PlanVerdict::scored && a.memory_bytes <= 0.9 * capacity);
  }
  EXPECT_GT(in_reserve, 0u);
  EXPECT_EQ(fit_without - fit_with, in_reserve);
}

TEST(MemoryHeadroom, TrainSaysItDoesNotFitWithinTheReserve) {
  Cluster cluster = testing_support::make_cluster("a100-80gb", "dgx-a100", 64);
  const TrainingJob job = testing_support::make_job(2048, 64, testing_support::plan(8, 8, 1, 1));
  const TrainingEstimate e = testing_support::estimate("gpt3-175b", cluster, job);
  const double used = e.memory.total_bytes() / e.hbm_capacity_bytes;
  cluster.accelerator.memory_headroom_fraction = std::max(0.0, 1 - used + 0.01);
  const TrainingEstimate reserved = testing_support::estimate("gpt3-175b", cluster, job);
  EXPECT_FALSE(reserved.fits);
  EXPECT_DOUBLE_EQ(reserved.memory_headroom_bytes, cluster.accelerator.memory_headroom_fraction * e.hbm_capacity_bytes);
}

}  // namespace
}  // namespace stargate
