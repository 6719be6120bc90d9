// The serving step-time model against measured and published inference numbers (validation/README.md).
// Bounds are the acceptance targets: median |error| ≤ 15%.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

std::string read(const std::string& rel) {
  std::ifstream in(std::string(STARGATE_SOURCE_DIR) + "/data/validation/" + rel);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

double median_abs_error(const std::vector<CaseResult>& cases, const std::string& source_prefix) {
  std::vector<double> e;
  for (const CaseResult& c : cases) {
    if (c.skipped || c.source.rfind(source_prefix, 0) != 0) continue;
    e.push_back(std::fabs(c.signed_error()));
    std::printf("%-60s pred %10.5g meas %10.5g err %+6.1f%%\n", c.id.c_str(), c.predicted, c.measured,
                100 * c.signed_error());
  }
  if (e.empty()) return 1e9;
  std::sort(e.begin(), e.end());
  return e.size() % 2 ? e[e.size() / 2] : (e[e.size() / 2 - 1] + e[e.size() / 2]) / 2;
}

TEST(InferenceValidation, MeasuredH100PrefillAndDecodeStepsWithin15PercentMedian) {
  std::vector<CaseResult> all;
  for (const char* f : {"measured-h100/infer.json", "measured-h100/decode_graph.json"}) {
    CaseResults r = validate_measured_inference_steps(read(f), f);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    all.insert(all.end(), r.value().begin(), r.value().end());
  }
  double prefill = median_abs_error(all, "measured H100 prefill");
  double decode = median_abs_error(all, "measured H100 decode");
  std::printf("median |error|: prefill %.1f%%, decode %.1f%%\n", 100 * prefill, 100 * decode);
  EXPECT_LE(prefill, 0.15);
  EXPECT_LE(decode, 0.15);
}

TEST(InferenceValidation, TensorRtLlmOfflineThroughputWithin15PercentMedian) {
  CaseResults r = validate_inference_cases(read("inference.yaml"), "inference.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  double median = median_abs_error(r.value(), "TensorRT-LLM");
  std::printf("median |error| TensorRT-LLM offline throughput: %.1f%%\n", 100 * median);
  EXPECT_LE(median, 0.15);
}

TEST(InferenceValidation, BadJsonIsAnErrorWithFileAndLine) {
  CaseResults r = validate_measured_inference_steps("[\n{\"model\": }", "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().location.file, "x.json");
  EXPECT_EQ(r.error().location.line, 2);
}

}  // namespace
}  // namespace stargate
