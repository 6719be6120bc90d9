// Confidence of a training prediction: error bands per class with fallback to coarser classes, the generated
// band table kept in step with the validation, and the calibration source of the kernel model.
#include <gtest/gtest.h>

#include "stargate/catalog/catalog.h"
#include "stargate/core/embedded_files.h"
#include "stargate/report/confidence_report.h"
#include "stargate/validation/prediction_confidence.h"

namespace stargate {
namespace {

// A compared case of class (architecture, precision, kind) with |error| `error` (measured 1).
CaseResult case_of(const std::string& architecture, const std::string& precision, const std::string& kind,
                   double error) {
  CaseResult r;
  r.id = architecture + precision + kind;
  r.measured = 1;
  r.predicted = 1 + error;
  r.prediction_class = {.architecture = architecture, .precision = precision, .kind = kind};
  return r;
}

// 10 Hopper bf16 dense cases with |error| 1%..10% and 3 Hopper fp8 MoE cases with 50%.
std::vector<CaseResult> hand_results() {
  std::vector<CaseResult> out;
  for (int i = 1; i <= 10; ++i) out.push_back(case_of("hopper", "bf16", "dense", i / 100.0));
  for (int i = 0; i < 3; ++i) out.push_back(case_of("hopper", "fp8", "moe", 0.5));
  CaseResult skipped = case_of("hopper", "bf16", "dense", 9.0);
  skipped.skipped = true;
  out.push_back(skipped);
  return out;
}

TEST(PredictionConfidence, ClassWithEnoughCasesGetsItsOwnBand) {
  const std::vector<ErrorBand> bands = compute_error_bands(hand_results());
  const auto band = error_band_for({.architecture = "hopper", .precision = "bf16", .kind = "dense"}, bands);
  ASSERT_TRUE(band.has_value());
  EXPECT_EQ(class_label(band->scope), "hopper · bf16 · dense");
  EXPECT_EQ(band->cases, 10);  // the skipped case never counts
  EXPECT_NEAR(band->median_abs_error, 0.055, 1e-12);  // between 5% and 6%
  EXPECT_NEAR(band->p90_abs_error, 0.091, 1e-12);     // position 0.9·9 = 8.1 between 9% and 10%
}

TEST(PredictionConfidence, ClassWithTooFewCasesFallsBackToACoarserOne) {
  const std::vector<ErrorBand> bands = compute_error_bands(hand_results());
  const auto moe = error_band_for({.architecture = "hopper", .precision = "fp8", .kind = "moe"}, bands);
  ASSERT_TRUE(moe.has_value());
  EXPECT_EQ(class_label(moe->scope), "hopper");  // fp8 has 3 cases: architecture level, all 13
  EXPECT_EQ(moe->cases, 13);
  const auto ampere = error_band_for({.architecture = "ampere", .precision = "bf16", .kind = "dense"}, bands);
  ASSERT_TRUE(ampere.has_value());
  EXPECT_EQ(class_label(ampere->scope), "all");
}

TEST(PredictionConfidence, GeneratedBandTableMatchesAFreshValidationRun) {
  std::vector<CaseResult> all;
  auto add = [&](const char* path, CaseResults (*reader)(const std::string&, const std::string&)) {
    const auto text = embedded_file(path);
    ASSERT_TRUE(text.has_value()) << path;
    const CaseResults r = reader(std::string(*text), path);
    ASSERT_TRUE(r.ok());
    all.insert(all.end(), r.value().begin(), r.value().end());
  };
  add("validation/training.yaml", validate_training_cases);
  add("validation/measured-h100/train.json", validate_measured_training_steps);
  add("validation/measured-h100/train_compiled.json", validate_measured_training_steps);
  const auto stored = embedded_file("confidence/training-error-bands.yaml");
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(std::string(*stored), error_bands_to_yaml(compute_error_bands(all)))
      << "run scripts/gen-validation-docs.sh to regenerate data/confidence/training-error-bands.yaml";
  EXPECT_FALSE(builtin_error_bands().empty());
}

TEST(PredictionConfidence, CalibrationSourceFollowsTheKernelModel) {
  const Catalog& catalog = Catalog::builtin();
  const PredictionConfidence h100 = training_confidence(*catalog.find_accelerator("h100-sxm"), Dtype::bf16, false);
  EXPECT_EQ(h100.calibration, CalibrationSource::this_card);
  EXPECT_EQ(h100.calibration_card, "h100");
  const PredictionConfidence b200 = training_confidence(*catalog.find_accelerator("b200"), Dtype::fp8, true);
  EXPECT_EQ(b200.calibration, CalibrationSource::scaled);
  EXPECT_EQ(b200.asked.architecture, "blackwell");
  EXPECT_EQ(b200.asked.kind, "moe");
  ASSERT_TRUE(b200.band.has_value());
  const std::string text = confidence_to_text(b200);
  EXPECT_NE(text.find("scaled to this card by datasheet peaks"), std::string::npos) << text;
  EXPECT_NE(text.find("p90 |error| of"), std::string::npos) << text;
}

}  // namespace
}  // namespace stargate
