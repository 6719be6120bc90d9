// `fp8_recipe: auto`: the completion tries every recipe the device runs at the plan's precision and keeps the
// fastest; it never switches fp8 for fp4.
#include <gtest/gtest.h>

#include "../sim/training_fixture.h"
#include "stargate/mapping/fp8_recipe.h"
#include "stargate/search/plan_completion.h"

namespace stargate {
namespace {

TrainingJob open_recipe_job(Dtype precision, Fp8Recipe seed) {
  ParallelPlan p = testing_support::plan(1, 1, 8, 1);
  p.zero_stage = 3;  // Llama 3 8B fits one H100 per replica only with its weights sharded
  p.precision = precision;
  p.fp8_recipe = seed;
  TrainingJob job = testing_support::make_job(8192, 16, p);
  job.open_fields.add(PlanField::fp8_recipe);
  return job;
}

PlanCompletion complete(const Cluster& cluster, const TrainingJob& job) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
  const auto net = make_alpha_beta_collectives(cluster);
  return complete_plan(m, cluster, job, kernels, *net);
}

TEST(Fp8RecipeCompletion, HopperTriesItsFiveFp8RecipesAndKeepsTheFastest) {
  const Cluster h100 = testing_support::make_cluster("h100-sxm", "dgx-h100", 8);
  EXPECT_EQ(fp8_recipes_for(Dtype::fp8, h100.accelerator),
            (std::vector<Fp8Recipe>{Fp8Recipe::delayed, Fp8Recipe::current, Fp8Recipe::rowwise, Fp8Recipe::blockwise,
                                    Fp8Recipe::te_current}));
  const PlanCompletion c = complete(h100, open_recipe_job(Dtype::fp8, Fp8Recipe::rowwise));
  ASSERT_TRUE(c.found);
  EXPECT_EQ(c.completions, 5);
  // delayed casts 4 B per element once; the others pay amax passes, double casts or per-block scales.
  EXPECT_EQ(c.plan.fp8_recipe, Fp8Recipe::delayed);
  EXPECT_LT(c.step_seconds_min, c.step_seconds_max);
  EXPECT_EQ(c.plan.precision, Dtype::fp8);
}

TEST(Fp8RecipeCompletion, BlackwellAddsMxfp8AndFp4PlansTakeNvfp4) {
  const Cluster b200 = testing_support::make_cluster("b200", "dgx-b200", 8);
  const std::vector<Fp8Recipe> fp8 = fp8_recipes_for(Dtype::fp8, b200.accelerator);
  EXPECT_NE(std::find(fp8.begin(), fp8.end(), Fp8Recipe::mxfp8), fp8.end());
  EXPECT_EQ(std::find(fp8.begin(), fp8.end(), Fp8Recipe::nvfp4), fp8.end());
  EXPECT_EQ(fp8_recipes_for(Dtype::fp4, b200.accelerator), std::vector<Fp8Recipe>{Fp8Recipe::nvfp4});
  EXPECT_TRUE(fp8_recipes_for(Dtype::bf16, b200.accelerator).empty());
  const PlanCompletion c = complete(b200, open_recipe_job(Dtype::fp4, Fp8Recipe::delayed));
  ASSERT_TRUE(c.found);
  EXPECT_EQ(c.plan.fp8_recipe, Fp8Recipe::nvfp4);
  EXPECT_EQ(c.plan.precision, Dtype::fp4);
}

}  // namespace
}  // namespace stargate
