// Distributions of uncertain inputs (core/distribution.h) and their counter-based draws (core/draw_random.h).
#include "stargate/core/distribution.h"

#include <gtest/gtest.h>

#include <ostream>

#include <cmath>
#include <vector>

#include "stargate/core/draw_random.h"
#include "stargate/core/sample_statistics.h"

namespace stargate {
namespace {

constexpr int kDraws = 200'000;

std::vector<double> draws_of(const Distribution& d, uint64_t seed = 7) {
  std::vector<double> out;
  for (int i = 0; i < kDraws; ++i) out.push_back(d.quantile(draw_uniform(seed, static_cast<uint64_t>(i), 3)));
  return out;
}

TEST(StandardNormalQuantile, MatchesTabulatedValues) {
  EXPECT_NEAR(standard_normal_quantile(0.5), 0.0, 1e-12);
  EXPECT_NEAR(standard_normal_quantile(0.9), kStandardNormalP90, 1e-8);
  EXPECT_NEAR(standard_normal_quantile(0.975), 1.959963984540054, 1e-8);
  EXPECT_NEAR(standard_normal_quantile(0.001), -3.090232306167814, 1e-7);
  EXPECT_NEAR(standard_normal_quantile(0.99), -standard_normal_quantile(0.01), 1e-9);  // symmetric tails
}

struct PercentileCase {
  const char* name;
  Distribution distribution;
};
void PrintTo(const PercentileCase& c, std::ostream* os) {
  *os << c.name << " " << c.distribution.a << " / " << c.distribution.b << " / " << c.distribution.c;
}

class PercentileFit : public testing::TestWithParam<PercentileCase> {};

// The fitted quantile function passes through the three given quantiles, and many draws reproduce them.
TEST_P(PercentileFit, DrawsMatchP10P50P90) {
  const Distribution& d = GetParam().distribution;
  EXPECT_NEAR(d.quantile(0.1), d.a, 1e-6 * std::fabs(d.c));
  EXPECT_NEAR(d.quantile(0.5), d.b, 1e-9 * std::fabs(d.c));
  EXPECT_NEAR(d.quantile(0.9), d.c, 1e-6 * std::fabs(d.c));
  const std::vector<double> x = draws_of(d);
  const double tolerance = 0.01 * (d.c - d.a);
  EXPECT_NEAR(sample_percentile(x, 10), d.a, tolerance);
  EXPECT_NEAR(sample_percentile(x, 50), d.b, tolerance);
  EXPECT_NEAR(sample_percentile(x, 90), d.c, tolerance);
  EXPECT_EQ(d.central(), d.b);
}

INSTANTIATE_TEST_SUITE_P(
    Distribution, PercentileFit,
    testing::Values(PercentileCase{"symmetric", {DistributionKind::split_normal, 8, 10, 12}},
                    PercentileCase{"right_skewed", {DistributionKind::split_normal, 9.3e6, 11.7e6, 15e6}},
                    PercentileCase{"zero_lower_half", {DistributionKind::split_normal, 0, 0, 3e7}},
                    PercentileCase{"log_space", {DistributionKind::split_lognormal, 0.07, 0.105, 0.157}},
                    PercentileCase{"log_space_skewed", {DistributionKind::split_lognormal, 0.0575, 0.066, 0.0826}}),
    [](const testing::TestParamInfo<PercentileCase>& info) { return info.param.name; });

TEST(SplitLognormal, NeverDrawsANonPositiveValue) {
  const Distribution d{DistributionKind::split_lognormal, 0.01, 1, 50};
  for (double u : {1e-15, 1e-9, 0.001}) EXPECT_GT(d.quantile(u), 0.0) << u;
}

TEST(Triangular, MeanIsTheAverageOfMinModeMax) {
  const Distribution d{DistributionKind::triangular, 27.8e3, 47.2e3, 51.9e3};
  const std::vector<double> x = draws_of(d);
  double sum = 0;
  for (double v : x) sum += v;
  EXPECT_NEAR(sum / x.size(), (d.a + d.b + d.c) / 3, 0.002 * d.c);
  EXPECT_DOUBLE_EQ(d.quantile((d.b - d.a) / (d.c - d.a)), d.b);  // the CDF at the mode
  EXPECT_GE(sample_percentile(x, 0), d.a);
  EXPECT_LE(sample_percentile(x, 100), d.c);
  EXPECT_EQ(d.central(), d.b);
}

TEST(Triangular, ModeAtAnEndIsAllowed) {
  const Distribution d{DistributionKind::triangular, 0, 0, 2};
  EXPECT_NEAR(d.quantile(1e-12), 0, 1e-5);
  EXPECT_NEAR(d.quantile(0.5), 2 - std::sqrt(2.0), 1e-12);  // median of a right triangle on [0, 2]
}

TEST(Lognormal, MedianAndP90FollowSigma) {
  const Distribution d{DistributionKind::lognormal, 11.7e6, 0.2, 0};
  EXPECT_NEAR(d.quantile(0.5), 11.7e6, 1e-3);
  EXPECT_NEAR(d.quantile(0.9), 11.7e6 * std::exp(0.2 * kStandardNormalP90), 1.0);
  const std::vector<double> x = draws_of(d);
  EXPECT_NEAR(sample_percentile(x, 50), 11.7e6, 0.005 * 11.7e6);
  EXPECT_EQ(d.central(), 11.7e6);
}

TEST(DrawUniform, IsInTheOpenUnitIntervalAndAPureFunctionOfItsCounters) {
  double sum = 0;
  for (uint64_t i = 0; i < 100'000; ++i) {
    const double u = draw_uniform(42, i, 0);
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 100'000, 0.5, 0.005);
  EXPECT_EQ(draw_uniform(42, 17, 3), draw_uniform(42, 17, 3));
  EXPECT_NE(draw_uniform(42, 17, 3), draw_uniform(43, 17, 3));
  EXPECT_NE(draw_uniform(42, 17, 3), draw_uniform(42, 18, 3));
  EXPECT_NE(draw_uniform(42, 17, 3), draw_uniform(42, 17, 4));
}

TEST(DrawUniform, InputsOfOneDrawAreUncorrelated) {
  std::vector<double> a, b;
  for (uint64_t i = 0; i < 50'000; ++i) {
    a.push_back(draw_uniform(1, i, 0));
    b.push_back(draw_uniform(1, i, 1));
  }
  EXPECT_NEAR(spearman_rank_correlation(a, b), 0.0, 0.02);
}

}  // namespace
}  // namespace stargate
