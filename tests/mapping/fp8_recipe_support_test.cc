// A recipe the device cannot run, or one that does not match the precision, is a plan problem on its field.
#include <gtest/gtest.h>

#include "../sim/training_fixture.h"
#include "stargate/mapping/plan_validation.h"

namespace stargate {
namespace {

struct SupportCase {
  const char* accelerator;
  const char* node;
  Dtype precision;
  Fp8Recipe recipe;
  const char* field;    // "" = the plan passes
  const char* message;  // part of the problem's message
};

TEST(Fp8RecipeSupport, EachRecipeRunsWhereItsKernelsExist) {
  const SupportCase cases[] = {
      {"h100-sxm", "dgx-h100", Dtype::fp8, Fp8Recipe::delayed, "", ""},
      {"h100-sxm", "dgx-h100", Dtype::fp8, Fp8Recipe::current, "", ""},
      {"h100-sxm", "dgx-h100", Dtype::fp8, Fp8Recipe::rowwise, "", ""},
      {"h100-sxm", "dgx-h100", Dtype::fp8, Fp8Recipe::blockwise, "", ""},
      {"h100-sxm", "dgx-h100", Dtype::fp8, Fp8Recipe::te_current, "", ""},
      {"a100-80gb", "dgx-a100", Dtype::fp8, Fp8Recipe::te_current, "precision", "no fp8 tensor cores"},
      {"h100-sxm", "dgx-h100", Dtype::fp8, Fp8Recipe::mxfp8, "fp8_recipe", "needs Blackwell-class"},
      {"h100-sxm", "dgx-h100", Dtype::fp4, Fp8Recipe::nvfp4, "precision", "no fp4 tensor cores"},
      {"b200", "dgx-b200", Dtype::fp8, Fp8Recipe::mxfp8, "", ""},
      {"b200", "dgx-b200", Dtype::fp4, Fp8Recipe::nvfp4, "", ""},
      {"b200", "dgx-b200", Dtype::fp8, Fp8Recipe::nvfp4, "fp8_recipe", "runs fp4 GEMMs, not precision fp8"},
      {"b200", "dgx-b200", Dtype::fp4, Fp8Recipe::delayed, "fp8_recipe", "the fp4 recipe is nvfp4"},
      {"mi300x", "mi300x-platform", Dtype::fp8, Fp8Recipe::blockwise, "fp8_recipe", "needs NVIDIA Hopper or later"},
      {"mi300x", "mi300x-platform", Dtype::fp8, Fp8Recipe::rowwise, "", ""},
      {"a100-80gb", "dgx-a100", Dtype::fp8, Fp8Recipe::delayed, "precision", "no fp8 tensor cores"},
      {"a100-80gb", "dgx-a100", Dtype::bf16, Fp8Recipe::mxfp8, "", ""},  // the recipe is moot in bf16
  };
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  const PlanContext context{8, 8192, 16};
  for (const SupportCase& c : cases) {
    ParallelPlan p = testing_support::plan(1, 1, 8, 2);
    p.precision = c.precision;
    p.fp8_recipe = c.recipe;
    const auto problem = check_plan(m, testing_support::make_cluster(c.accelerator, c.node, 8).accelerator, p, context);
    const std::string label = std::string(c.accelerator) + " " + fp8_recipe_name(c.recipe);
    if (std::string(c.field).empty()) {
      EXPECT_FALSE(problem.has_value()) << label << ": " << (problem ? problem->message : "");
      continue;
    }
    ASSERT_TRUE(problem.has_value()) << label;
    EXPECT_EQ(problem->field, c.field) << label;
    EXPECT_NE(problem->message.find(c.message), std::string::npos) << label << ": " << problem->message;
  }
}

TEST(Fp8RecipeSupport, NamesRoundTrip) {
  for (int i = 0; i < kFp8RecipeCount; ++i) {
    const auto recipe = static_cast<Fp8Recipe>(i);
    EXPECT_EQ(fp8_recipe_from_name(fp8_recipe_name(recipe)), recipe);
  }
  EXPECT_FALSE(fp8_recipe_from_name("tensorwise").has_value());  // the scenario reader's alias, not a name
}

}  // namespace
}  // namespace stargate
