// Percentiles and Spearman's rank correlation (core/sample_statistics.h), checked on hand-computed cases.
#include "stargate/core/sample_statistics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace stargate {
namespace {

TEST(SamplePercentile, InterpolatesBetweenOrderStatistics) {
  const std::vector<double> x = {5, 1, 4, 2, 3};  // sorted 1..5: position p/100 · 4
  EXPECT_DOUBLE_EQ(sample_percentile(x, 0), 1);
  EXPECT_DOUBLE_EQ(sample_percentile(x, 50), 3);
  EXPECT_DOUBLE_EQ(sample_percentile(x, 10), 1.4);
  EXPECT_DOUBLE_EQ(sample_percentile(x, 90), 4.6);
  EXPECT_DOUBLE_EQ(sample_percentile(x, 100), 5);
  EXPECT_DOUBLE_EQ(sample_percentile({}, 50), 0);
  EXPECT_DOUBLE_EQ(sample_percentile({7}, 90), 7);
}

TEST(AverageRanks, TiesShareTheirMeanRank) {
  EXPECT_EQ(average_ranks({10, 30, 20, 30}), (std::vector<double>{1, 3.5, 2, 3.5}));
  EXPECT_EQ(average_ranks({2, 2, 2}), (std::vector<double>{2, 2, 2}));
}

TEST(SpearmanRankCorrelation, HandComputedCaseWithATie) {
  // Ranks x: 1..5; y = {5, 6, 7, 8, 7} ranks {1, 2, 3.5, 5, 3.5}; Pearson of the ranks = 8 / sqrt(10 · 9.5).
  EXPECT_NEAR(spearman_rank_correlation({1, 2, 3, 4, 5}, {5, 6, 7, 8, 7}), 8 / std::sqrt(95.0), 1e-12);
}

TEST(SpearmanRankCorrelation, MonotoneIsOneWhateverTheShape) {
  const std::vector<double> x = {0.1, 0.5, 0.2, 3, 2};
  std::vector<double> cubed, negated_exp;
  for (double v : x) cubed.push_back(v * v * v), negated_exp.push_back(-std::exp(v));
  EXPECT_DOUBLE_EQ(spearman_rank_correlation(x, cubed), 1.0);
  EXPECT_DOUBLE_EQ(spearman_rank_correlation(x, negated_exp), -1.0);
}

TEST(SpearmanRankCorrelation, NoSpreadOrMismatchedSamplesGiveZero) {
  EXPECT_EQ(spearman_rank_correlation({1, 2, 3}, {4, 4, 4}), 0.0);
  EXPECT_EQ(spearman_rank_correlation({1, 2, 3}, {1, 2}), 0.0);
  EXPECT_EQ(spearman_rank_correlation({1}, {1}), 0.0);
}

}  // namespace
}  // namespace stargate
