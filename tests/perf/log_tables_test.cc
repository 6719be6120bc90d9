// Unit tests of the log-space interpolation tables behind the kernel cost model.
#include <cmath>

#include <gtest/gtest.h>

#include "perf/log_curve.h"
#include "perf/log_grid3.h"

namespace stargate::perf_detail {
namespace {

TEST(LogCurve, InterpolatesLinearlyBetweenKnotsAndExtrapolatesWithSlopes) {
  LogCurve curve({{2.0, 1.0}, {0.0, 0.0}}, /*left*/ 0.5, /*right*/ kLn2);
  EXPECT_DOUBLE_EQ(curve.at(0.0), 0.0);
  EXPECT_DOUBLE_EQ(curve.at(1.0), 0.5);
  EXPECT_DOUBLE_EQ(curve.at(2.0), 1.0);
  EXPECT_DOUBLE_EQ(curve.at(-2.0), -1.0);
  EXPECT_DOUBLE_EQ(curve.at(4.0), 1.0 + 2 * kLn2);
  EXPECT_DOUBLE_EQ(curve.first_segment_slope(), 0.5);
}

TEST(LogCurve, AveragesDuplicateKnots) {
  LogCurve curve({{1.0, 2.0}, {1.0, 4.0}, {3.0, 5.0}}, 0, 0);
  ASSERT_EQ(curve.xs().size(), 2u);
  EXPECT_DOUBLE_EQ(curve.at(1.0), 3.0);
}

TEST(LogCurve, IsotonicRegressionPoolsViolators) {
  LogCurve curve({{0, 1.0}, {1, 3.0}, {2, 2.0}, {3, 4.0}}, 0, 0);
  curve.make_non_decreasing();
  EXPECT_DOUBLE_EQ(curve.ys()[0], 1.0);
  EXPECT_DOUBLE_EQ(curve.ys()[1], 2.5);
  EXPECT_DOUBLE_EQ(curve.ys()[2], 2.5);
  EXPECT_DOUBLE_EQ(curve.ys()[3], 4.0);
}

TEST(LogCurve, EmptyCurveIsZero) { EXPECT_EQ(LogCurve().at(3.0), 0.0); }

LogGrid3 linear_grid() {
  LogGrid3 grid({0, 1, 3}, {0, 1, 3}, {0, 1, 3});
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 3; ++k) grid.at(i, j, k) = i + 2.0 * j + 3.0 * k;
  return grid;
}

TEST(LogGrid3, TrilinearReproducesAffineFunctions) {
  const LogGrid3 grid = linear_grid();
  EXPECT_NEAR(grid.eval(0.5, 1.25, 1.75), 0.5 + 2.5 + 5.25, 1e-12);
  EXPECT_NEAR(grid.eval(2, 2, 2), 12, 1e-12);
}

TEST(LogGrid3, ClampsBelowAndGrowsProportionallyAbove) {
  const LogGrid3 grid = linear_grid();
  EXPECT_NEAR(grid.eval(-5, 0, 0), 0, 1e-12);
  EXPECT_NEAR(grid.eval(4, 2, 2), 12 + 2 * kLn2, 1e-12);      // 2 octaves beyond the last M node
  EXPECT_NEAR(grid.eval(3, 3, 3), 12 + 3 * kLn2, 1e-12);      // one octave beyond on every axis
  EXPECT_TRUE(std::isfinite(grid.eval(1e6, 1e6, 1e6)));
}

TEST(LogGrid3, MakeNonDecreasingFixesEveryAxis) {
  LogGrid3 grid({0, 1, 4}, {0, 1, 4}, {0, 1, 4});
  unsigned state = 12345;
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      for (int k = 0; k < 4; ++k) {
        state = state * 1103515245u + 12345u;
        grid.at(i, j, k) = i + j + k + ((state >> 16) % 100) / 40.0;  // trend plus noise that breaks it
      }
  grid.make_non_decreasing();
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      for (int k = 0; k < 4; ++k) {
        if (i > 0) { EXPECT_GE(grid.at(i, j, k), grid.at(i - 1, j, k)); }
        if (j > 0) { EXPECT_GE(grid.at(i, j, k), grid.at(i, j - 1, k)); }
        if (k > 0) { EXPECT_GE(grid.at(i, j, k), grid.at(i, j, k - 1)); }
      }
}

}  // namespace
}  // namespace stargate::perf_detail
