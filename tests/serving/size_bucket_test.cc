// The step-time memo's size rounding (serving/size_bucket.h) on IEEE bits equals its definition, ldexp(round(m·128)
// / 128, e) with x = m·2^e, bit for bit; and the flat memo (core/flat_memo.h) returns what was stored.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "serving/size_bucket.h"
#include "stargate/core/flat_memo.h"

namespace stargate {
namespace {

double definition(double x) {
  if (x <= 64) return std::round(x);
  int e = 0;
  const double m = std::frexp(x, &e);
  return std::ldexp(std::round(m * 128) / 128, e);
}

TEST(SizeBucket, EqualsItsDefinitionBitForBit) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> exponent(0, 60);
  for (int i = 0; i < 200000; ++i) {
    const double x = std::exp2(exponent(rng));
    EXPECT_EQ(serving_detail::bucket(x), definition(x)) << x;
  }
  // Ties round away from zero; a carry reaches the next power of two; the edges.
  for (double x : {64.0, 64.5, 65.0, 129.0, 130.0, 131.0, 255.0, 255.5, 1e9, 8191.0, 8192.0, 12345.678,
                   std::nextafter(128.0, 0.0), std::nextafter(64.0, 100.0), 1.8e19, 1e300,
                   std::numeric_limits<double>::max()}) {
    EXPECT_EQ(serving_detail::bucket(x), definition(x)) << x;
  }
  EXPECT_EQ(serving_detail::bucket(129.0), 130.0);  // 129 = 0.50390625·2^8: 64.5 of 128ths rounds up to 65
  EXPECT_EQ(serving_detail::bucket(131.0), 132.0);
  EXPECT_EQ(serving_detail::bucket(40.4), 40.0);    // exact below 64 (rounded to the integer)
  EXPECT_TRUE(std::isinf(serving_detail::bucket(std::numeric_limits<double>::infinity())));
}

TEST(FlatMemo, ReturnsWhatWasStoredAcrossGrowth) {
  FlatMemo memo;
  EXPECT_LT(memo.find(42), 0);
  for (uint64_t k = 0; k < 5000; ++k) memo.insert(k * 0x9E3779B97F4A7C15ull, double(k));
  EXPECT_EQ(memo.size(), 5000u);
  for (uint64_t k = 0; k < 5000; ++k) EXPECT_EQ(memo.find(k * 0x9E3779B97F4A7C15ull), double(k));
  EXPECT_LT(memo.find(3), 0);  // never stored
  memo.insert(0xFFFFFFFFFFFFFFFFull, 0.0);  // zero is a value, not "empty"
  EXPECT_EQ(memo.find(0xFFFFFFFFFFFFFFFFull), 0.0);
}

}  // namespace
}  // namespace stargate
