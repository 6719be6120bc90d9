// Every MFU shown names the peak it is measured against; fp8 plans also show their own precision's utilization.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "stargate/net/cluster_collectives.h"
#include "stargate/report/training_report.h"

namespace stargate {
namespace {

struct Trained {
  Scenario scenario;
  TrainingEstimate estimate;
};

Trained train(Dtype precision) {
  Result<Scenario> loaded =
      load_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/llama3-405b-16k-h100.yaml");
  EXPECT_TRUE(loaded.ok());
  Trained t{.scenario = loaded.value(), .estimate = {}};
  t.scenario.training->plan.precision = precision;
  const KernelCostModel kernels = KernelCostModel::for_device(t.scenario.cluster.accelerator);
  const auto net = make_cluster_collectives(t.scenario.cluster);
  t.estimate = estimate_training_step(t.scenario.model, t.scenario.cluster, *t.scenario.training, kernels, *net);
  return t;
}

TEST(MfuLabel, TrainTextNamesTheBf16PeakAndOnlyThatForBf16Plans) {
  const Trained t = train(Dtype::bf16);
  const std::string text = training_to_text(t.scenario, t.estimate, TrainingRunTotals{});
  EXPECT_NE(text.find("MFU 37.8% of bf16 peak 989 TFLOP/s"), std::string::npos) << text;
  EXPECT_EQ(text.find("fp8 peak"), std::string::npos);
}

TEST(MfuLabel, Fp8PlanAlsoShowsUtilizationOfTheFp8Peak) {
  const Trained t = train(Dtype::fp8);
  const double bf16_peak = t.scenario.cluster.accelerator.bf16_peak_flops_per_s();
  const double fp8_peak = t.scenario.cluster.accelerator.precision_peak_flops_per_s(Dtype::fp8);
  ASSERT_GT(fp8_peak, bf16_peak);
  const std::string text = training_to_text(t.scenario, t.estimate, TrainingRunTotals{});
  EXPECT_NE(text.find("of bf16 peak 989 TFLOP/s ("), std::string::npos) << text;
  EXPECT_NE(text.find("% of fp8 peak 1.98 PFLOP/s)"), std::string::npos) << text;
  const nlohmann::json json = nlohmann::json::parse(training_to_json(t.scenario, t.estimate, TrainingRunTotals{}));
  EXPECT_DOUBLE_EQ(json["mfu"].get<double>(), t.estimate.mfu);  // unchanged: against the bf16 peak
  EXPECT_DOUBLE_EQ(json["mfu_peak_flops_per_s"].get<double>(), bf16_peak);
  EXPECT_DOUBLE_EQ(json["precision_peak_flops_per_s"].get<double>(), fp8_peak);
  EXPECT_DOUBLE_EQ(json["mfu_precision_peak"].get<double>(), t.estimate.mfu * bf16_peak / fp8_peak);
}

TEST(MfuLabel, Bf16PlanJsonPrecisionUtilizationEqualsMfu) {
  const Trained t = train(Dtype::bf16);
  const nlohmann::json json = nlohmann::json::parse(training_to_json(t.scenario, t.estimate, TrainingRunTotals{}));
  EXPECT_DOUBLE_EQ(json["mfu_precision_peak"].get<double>(), json["mfu"].get<double>());
}

}  // namespace
}  // namespace stargate
