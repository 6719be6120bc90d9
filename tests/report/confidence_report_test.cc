// `train` text and JSON carry the prediction's confidence (calibration source and validated error band).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "stargate/net/cluster_collectives.h"
#include "stargate/report/training_report.h"

namespace stargate {
namespace {

TEST(ConfidenceReport, TrainTextAndJsonShowCalibrationAndErrorBand) {
  Result<Scenario> loaded =
      load_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/llama3-405b-16k-h100.yaml");
  ASSERT_TRUE(loaded.ok());
  const Scenario& s = loaded.value();
  const KernelCostModel kernels = KernelCostModel::for_device(s.cluster.accelerator);
  const auto net = make_cluster_collectives(s.cluster);
  const TrainingEstimate e = estimate_training_step(s.model, s.cluster, *s.training, kernels, *net);
  const PredictionConfidence confidence = training_confidence(s.cluster.accelerator, Dtype::bf16, false);
  ASSERT_TRUE(confidence.band.has_value());

  const std::string text = training_to_text(s, e, TrainingRunTotals{}, &confidence);
  EXPECT_NE(text.find("confidence: kernels calibrated on this card (h100)"), std::string::npos) << text;
  EXPECT_NE(text.find("validated cases on hopper"), std::string::npos) << text;
  EXPECT_EQ(training_to_text(s, e, TrainingRunTotals{}).find("confidence:"), std::string::npos);

  const nlohmann::json json =
      nlohmann::json::parse(training_to_json(s, e, TrainingRunTotals{}, std::nullopt, nullptr, &confidence));
  EXPECT_EQ(json["confidence"]["calibration"], "this_card");
  EXPECT_EQ(json["confidence"]["class"], "hopper · bf16 · dense");
  EXPECT_EQ(json["confidence"]["error_band"]["cases"], confidence.band->cases);
  EXPECT_DOUBLE_EQ(json["confidence"]["error_band"]["p90_abs_error"].get<double>(), confidence.band->p90_abs_error);
}

}  // namespace
}  // namespace stargate
