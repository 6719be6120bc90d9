// Every published training metric converted from one predicted step by the metric table
// (src/validation/training_metric_conversion.h), on a step whose figures can be derived by hand.
#include <gtest/gtest.h>

#include "stargate/validation/case_result.h"
#include "validation/training_metric_conversion.h"

namespace stargate::validation_detail {
namespace {

// 2 s per step, 8 sequences of 1000 tokens on 4 GPUs: 4000 tokens/s, 1000 per GPU, 4 samples/s. Model FLOPs
// 1e15 per step, hardware 1.5e15, against a 1e15 FLOP/s peak per GPU.
CaseRunQuantities hand_case() {
  return {.step_seconds = 2, .global_batch_sequences = 8, .seq_len = 1000, .gpus = 4,
          .model_flops_per_step = 1e15, .hardware_flops_per_step = 1.5e15, .utilization_peak_flops_per_s = 1e15,
          .run_tokens = 1e9, .block_tokens = 8000, .peak_memory_bytes = 2.0 * 1024 * 1024 * 1024};
}

struct Expected {
  const char* metric;
  double value;
};

TEST(TrainingMetricConversion, EveryPublishedMetricConvertsFromOneStep) {
  const Expected table[] = {
      {"iteration_time_s", 2},
      {"iteration_time_ms", 2000},
      {"step_time_s", 2},
      {"tokens_per_s", 4000},
      {"tokens_per_s_per_gpu", 1000},
      {"samples_per_s", 4},
      {"model_tflops_per_gpu", 125},         // 1e15 / 2 s / 4 GPUs
      {"tflops_per_gpu", 187.5},             // hardware FLOPs unless the source counts model FLOPs
      {"tflops_per_gpu_hfu", 187.5},
      {"aggregate_pflops", 0.75},            // 1.5e15 / 2 s
      {"mfu_pct", 12.5},                     // 1e15 / (2 s · 4 · 1e15)
      {"hfu_pct", 18.75},
      {"pct_of_peak", 18.75},
      {"gpu_hours_per_trillion_tokens", 1e12 / 1000 / 3600},  // 1000 tokens/s per GPU
      {"days_per_trillion_tokens", 1e12 / 4000 / 86400},
      {"total_gpu_hours", 1e9 / 1000 / 3600},
      {"pretrain_gpu_hours", 1e9 / 1000 / 3600},
      {"time_to_train_min", 1e9 / 4000 / 60},
      {"block_time_s", 2},                   // 8000 tokens at 4000 tokens/s
      {"peak_mem_gib", 2},
      {"derived_iteration_time_s", 2},
      {"derived_model_flops_mfu_pct", 12.5},
      {"est_days_300B_tokens", 300e9 / 4000 / 86400},   // a token count written in the name
      {"gpu_hours_per_2.5T_tokens", 2.5e12 / 1000 / 3600},
  };
  for (const Expected& e : table) {
    const std::optional<MetricSpec> spec = find_metric(e.metric);
    ASSERT_TRUE(spec.has_value()) << e.metric;
    std::string missing;
    const auto value = convert_metric(*spec, hand_case(), missing);
    ASSERT_TRUE(value.has_value()) << e.metric << ": " << missing;
    EXPECT_NEAR(*value, e.value, 1e-9 * e.value) << e.metric;
  }
}

TEST(TrainingMetricConversion, SourceThatCountsModelFlopsGetsModelTflops) {
  CaseRunQuantities run = hand_case();
  run.source_tflops_are_model = true;
  std::string missing;
  EXPECT_NEAR(*convert_metric(*find_metric("tflops_per_gpu"), run, missing), 125, 1e-9);
  EXPECT_NEAR(*convert_metric(*find_metric("pct_of_peak"), run, missing), 12.5, 1e-9);
}

TEST(TrainingMetricConversion, RunTotalsNeedTheRunsTokens) {
  CaseRunQuantities run = hand_case();
  run.run_tokens = 0;
  run.block_tokens = 0;
  for (const char* metric : {"total_gpu_hours", "time_to_train_min", "block_time_s"}) {
    std::string missing;
    EXPECT_FALSE(convert_metric(*find_metric(metric), run, missing).has_value()) << metric;
    EXPECT_NE(missing.find("tokens"), std::string::npos) << metric << ": " << missing;
  }
}

TEST(TrainingMetricConversion, UnknownMetricHasNoRow) {
  EXPECT_FALSE(find_metric("furlongs_per_fortnight").has_value());
  EXPECT_FALSE(find_metric("derived_").has_value());
  EXPECT_FALSE(find_metric("days_300X_tokens").has_value());
}

// A case from an unlisted source publishing `measured` only.
std::string case_with(const std::string& measured, const std::string& extra = "") {
  return "cases:\n"
         "- id: other-metric-test\n"
         "  source: a blog\n"
         "  model: {name: GPT-1.3B, arch: gpt-dense, layers: 24, hidden: 2048, heads: 16, kv_heads: 16, ffn: 8192,\n"
         "          vocab: 51200, seq_len: 2048}\n"
         "  global_batch_size: 64\n"
         "  micro_batch_size: 4\n"
         "  gpu: A100-SXM4-80GB\n"
         "  num_gpus: 16\n"
         "  parallelism: {tp: 1, pp: 1, dp: 16, zero_stage: 1, activation_recompute: none}\n"
         "  precision: bf16\n" + extra +
         "  measured: {" + measured + "}\n";
}

CaseResult only(const std::string& text) {
  CaseResults r = validate_training_cases(text, "inline.yaml");
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  return r.ok() && !r.value().empty() ? r.value()[0] : CaseResult{};
}

TEST(TrainingMetricConversion, CaseComparedOnTheMetricItPublishes) {
  const CaseResult tokens = only(case_with("tokens_per_s: 1.0"));
  const CaseResult days = only(case_with("days_per_trillion_tokens: 1.0"));
  const CaseResult hours = only(case_with("gpu_hours_per_trillion_tokens: 1.0"));
  ASSERT_FALSE(tokens.skipped || days.skipped || hours.skipped) << tokens.skip_reason << days.skip_reason;
  EXPECT_EQ(days.metric, "days_per_trillion_tokens");
  EXPECT_NEAR(days.predicted, 1e12 / tokens.predicted / 86400, 1e-9 * days.predicted);
  EXPECT_NEAR(hours.predicted, 1e12 * 16 / tokens.predicted / 3600, 1e-9 * hours.predicted);
}

TEST(TrainingMetricConversion, TimeToTrainUsesTheStatedRunTokens) {
  const CaseResult tokens = only(case_with("tokens_per_s: 1.0"));
  const CaseResult run = only(case_with("time_to_train_min: 1.0", "  train_tokens: 1.0e+9\n"));
  ASSERT_FALSE(run.skipped) << run.skip_reason;
  EXPECT_NEAR(run.predicted, 1e9 / tokens.predicted / 60, 1e-9 * run.predicted);
}

TEST(TrainingMetricConversion, SkipNamesEveryMetricNothingConverts) {
  const CaseResult c = only(case_with("time_to_train_min: 30, furlongs_per_fortnight: 2"));
  ASSERT_TRUE(c.skipped);
  EXPECT_NE(c.skip_reason.find("time_to_train_min (needs the run's total tokens"), std::string::npos)
      << c.skip_reason;
  EXPECT_NE(c.skip_reason.find("furlongs_per_fortnight (no conversion)"), std::string::npos) << c.skip_reason;
}

}  // namespace
}  // namespace stargate::validation_detail
