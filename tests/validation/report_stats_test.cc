// Percentiles and summaries of the validation report, against hand computation.
#include <gtest/gtest.h>

#include "stargate/validation/validation_summary.h"

namespace stargate {
namespace {

CaseResult compared(const std::string& source, double predicted, double measured) {
  CaseResult r;
  r.id = source + std::to_string(predicted);
  r.source = source;
  r.file = "data/validation/training.yaml";
  r.metric = "iteration_time_s";
  r.predicted = predicted;
  r.measured = measured;
  return r;
}

TEST(ValidationSummary, PercentileInterpolatesBetweenClosestRanks) {
  EXPECT_DOUBLE_EQ(percentile({}, 0.5), 0);
  EXPECT_DOUBLE_EQ(percentile({7}, 0.9), 7);
  EXPECT_DOUBLE_EQ(percentile({4, 1, 3, 2}, 0.5), 2.5);  // (2 + 3) / 2
  EXPECT_DOUBLE_EQ(percentile({4, 1, 3, 2}, 0.9), 3.7);  // position 0.9·3 = 2.7: 3 + 0.7·(4 − 3)
  EXPECT_DOUBLE_EQ(percentile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.9), 10);  // position 9 exactly
  EXPECT_DOUBLE_EQ(percentile({1, 2, 3}, 0), 1);
  EXPECT_DOUBLE_EQ(percentile({1, 2, 3}, 1), 3);
}

TEST(ValidationSummary, StatsUseAbsoluteErrorsAndCountSkips) {
  std::vector<CaseResult> results = {compared("A", 1.1, 1.0), compared("A", 0.8, 1.0), compared("B", 1.5, 1.0)};
  CaseResult skipped;
  skipped.id = "s";
  skipped.source = "B";
  skipped.skipped = true;
  skipped.skip_reason = "unknown gpu 'X'";
  results.push_back(skipped);
  EXPECT_NEAR(results[1].signed_error(), -0.2, 1e-12);
  const ValidationSummary s = summarize(results);
  EXPECT_EQ(s.overall.cases, 4);
  EXPECT_EQ(s.overall.skipped, 1);
  EXPECT_NEAR(s.overall.median_abs_error, 0.2, 1e-12);        // |errors| 0.1, 0.2, 0.5
  EXPECT_NEAR(s.overall.p90_abs_error, 0.2 + 0.8 * 0.3, 1e-12);  // position 1.8
  ASSERT_EQ(s.by_source.size(), 2u);
  EXPECT_EQ(s.by_source[0].group, "A");
  EXPECT_NEAR(s.by_source[0].median_abs_error, 0.15, 1e-12);
  EXPECT_EQ(s.by_source[1].skipped, 1);
  ASSERT_EQ(s.skip_reasons.size(), 1u);
  EXPECT_EQ(s.skip_reasons[0].second, 1);
}

}  // namespace
}  // namespace stargate
