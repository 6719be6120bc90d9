// The fp8/fp4 recipe a training case names (docs/validation.md, "Precision").
#include <yaml-cpp/yaml.h>

#include "case_helpers.h"
#include "case_helpers_training.h"

namespace stargate::validation_detail {
namespace {

std::string scalar_text(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : std::string();
}

struct RecipeWords {
  Fp8Recipe recipe;
  std::vector<const char*> words;  // any of them in the case's id or precision text names the recipe
};

// Checked in order: the block-scaled recipes first (their text often also says "fp8"), delayed last.
const std::vector<RecipeWords>& recipe_words() {
  static const std::vector<RecipeWords> table{
      {Fp8Recipe::mxfp8, {"mxfp8", "mx-fp8", "mx fp8", "fp8-mx", "fp8 (mx)", "fp8_mx", "mx_fp8"}},
      {Fp8Recipe::blockwise, {"blockwise", "block-wise", "block scaling", "blockscaling", "1x128", "128x128"}},
      {Fp8Recipe::rowwise, {"rowwise", "row-wise", "axiswise"}},
      {Fp8Recipe::current, {"tensorwise", "current", "-cs", "fp8cs", "fp8_cs"}},
      {Fp8Recipe::delayed, {"delayed", "hybrid"}},
  };
  return table;
}

}  // namespace

void read_fp8_recipe(const YAML::Node& c, const SourceRule& rule, TrainingSetup& s, ParallelPlan& plan) {
  const std::string precision = scalar_text(c, "precision");
  if (plan.precision == Dtype::fp4) {
    plan.fp8_recipe = Fp8Recipe::nvfp4;
    note_reading(s.notes, "precision", precision, "nvfp4 recipe", "fp4 training: NVFP4 is the modeled fp4 recipe");
    return;
  }
  if (plan.precision != Dtype::fp8) return;
  const std::string words = lower(scalar_text(c, "id") + " " + precision);
  for (const RecipeWords& entry : recipe_words()) {
    for (const char* word : entry.words) {
      if (words.find(word) == std::string::npos) continue;
      const bool te = entry.recipe == Fp8Recipe::current && rule.current_scaling == Fp8Recipe::te_current;
      plan.fp8_recipe = te ? Fp8Recipe::te_current : entry.recipe;
      note_reading(s.notes, "precision", precision, std::string(fp8_recipe_name(plan.fp8_recipe)) + " fp8 recipe",
                   std::string("the case names '") + word + "'" +
                       (te ? "; current scaling in Transformer Engine (Float8CurrentScaling)" : ""));
      return;
    }
  }
  if (rule.default_fp8_recipe && !says_unknown(precision)) {
    plan.fp8_recipe = *rule.default_fp8_recipe;
    note_reading(s.notes, "precision", precision, std::string(fp8_recipe_name(plan.fp8_recipe)) + " fp8 recipe",
                 "source default: " + rule.fp8_recipe_why);
    return;
  }
  plan.fp8_recipe = rule.default_fp8_recipe.value_or(Fp8Recipe::delayed);
  s.job.open_fields.add(PlanField::fp8_recipe);
  note_reading(s.notes, "precision", precision,
               std::string("fp8 recipe auto, seed ") + fp8_recipe_name(plan.fp8_recipe), "recipe not stated");
}

}  // namespace stargate::validation_detail
