// QuantileSketch: every quantile within the stated relative accuracy of the exact nearest-rank value.
#include "stargate/core/quantile_sketch.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace stargate {
namespace {

// The exact value of rank round(q·(n − 1)) among `values`: the rule the sketch approximates.
double exact_quantile(std::vector<double> values, double q) {
  const size_t k = static_cast<size_t>(q * double(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + static_cast<long>(k), values.end());
  return values[k];
}

TEST(QuantileSketch, EveryQuantileWithinRelativeAccuracyOfExact) {
  std::mt19937_64 rng(7);
  struct Row { const char* name; std::vector<double> values; };
  std::vector<Row> rows(4);
  rows[0].name = "lognormal latencies";
  std::lognormal_distribution<double> lognormal(std::log(0.05), 1.5);
  for (int i = 0; i < 20000; ++i) rows[0].values.push_back(lognormal(rng));
  rows[1].name = "uniform";
  std::uniform_real_distribution<double> uniform(1e-3, 10);
  for (int i = 0; i < 5000; ++i) rows[1].values.push_back(uniform(rng));
  rows[2].name = "few repeated values";
  for (int i = 0; i < 1000; ++i) rows[2].values.push_back(0.004 + 0.001 * (i % 3));
  rows[3].name = "tiny sample";
  rows[3].values = {3.0, 1.0, 2.0};
  for (const double alpha : {0.005, 0.02}) {
    for (const Row& row : rows) {
      QuantileSketch sketch(alpha);
      for (double v : row.values) sketch.add(v);
      for (const double q : {0.0, 0.1, 0.5, 0.9, 0.99, 0.999, 1.0}) {
        const double exact = exact_quantile(row.values, q);
        EXPECT_LE(std::abs(sketch.quantile(q) - exact), alpha * exact * (1 + 1e-12))
            << row.name << " alpha " << alpha << " q " << q;
      }
    }
  }
}

TEST(QuantileSketch, ExtremesExactCountAndSumExact) {
  QuantileSketch sketch;
  for (double v : {0.5, 0.25, 8.0, 1.0}) sketch.add(v);
  EXPECT_EQ(sketch.count(), 4);
  EXPECT_DOUBLE_EQ(sketch.sum(), 9.75);
  EXPECT_DOUBLE_EQ(sketch.quantile(0), 0.25);
  EXPECT_DOUBLE_EQ(sketch.quantile(1), 8.0);
}

TEST(QuantileSketch, EmptyIsZeroAndZerosAndNanHandled) {
  QuantileSketch sketch;
  EXPECT_EQ(sketch.quantile(0.5), 0);
  sketch.add(std::nan(""));
  EXPECT_EQ(sketch.count(), 0);
  for (int i = 0; i < 9; ++i) sketch.add(0);
  sketch.add(2);
  EXPECT_EQ(sketch.quantile(0.5), 0);
  EXPECT_DOUBLE_EQ(sketch.quantile(1), 2);
}

TEST(QuantileSketch, SameAnswersInAnyOrder) {
  std::vector<double> values;
  std::mt19937_64 rng(3);
  std::exponential_distribution<double> exp(2.0);
  for (int i = 0; i < 3000; ++i) values.push_back(exp(rng));
  QuantileSketch forward, backward;
  for (double v : values) forward.add(v);
  for (auto it = values.rbegin(); it != values.rend(); ++it) backward.add(*it);
  for (const double q : {0.5, 0.9, 0.99}) EXPECT_EQ(forward.quantile(q), backward.quantile(q));
}

TEST(QuantileSketch, MemoryBoundedByValueRangeNotCount) {
  QuantileSketch sketch(0.005);
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> log10_value(-3, 3);
  for (int i = 0; i < 1'000'000; ++i) sketch.add(std::pow(10.0, log10_value(rng)));
  // log_γ(10⁶) with γ = 1.005 / 0.995: about 1,382 buckets, whatever the count.
  EXPECT_LE(sketch.buckets(), 1400u);
  EXPECT_EQ(sketch.count(), 1'000'000);
}

}  // namespace
}  // namespace stargate

namespace stargate {
namespace {

// Merging two sketches answers every quantile exactly as one sketch fed both halves (bucket counts add).
TEST(QuantileSketch, MergeEqualsOneSketchOfAllValues) {
  std::mt19937_64 rng(5);
  std::lognormal_distribution<double> d(0, 2);
  QuantileSketch whole, low, high;
  for (int i = 0; i < 20000; ++i) {
    const double v = i % 7 == 0 ? 0.0 : d(rng);
    whole.add(v);
    (i % 3 == 0 ? low : high).add(v);
  }
  low.merge(high);
  EXPECT_EQ(low.count(), whole.count());
  EXPECT_NEAR(low.sum(), whole.sum(), 1e-9 * whole.sum());
  for (double q : {0.0, 0.01, 0.1, 0.5, 0.9, 0.99, 1.0}) EXPECT_EQ(low.quantile(q), whole.quantile(q)) << q;
  QuantileSketch empty;
  empty.merge(whole);
  EXPECT_EQ(empty.quantile(0.5), whole.quantile(0.5));
}

// A sketch carried between processes (router groups under mpirun) answers exactly as the original, and merges as it.
TEST(QuantileSketch, RestoredFromItsStateAnswersAndMergesExactlyAsTheOriginal) {
  std::mt19937_64 rng(9);
  std::lognormal_distribution<double> dist(-3, 1.5);
  QuantileSketch original(0.01), other(0.01);
  for (int i = 0; i < 5000; ++i) original.add(i % 97 == 0 ? 0.0 : dist(rng));
  for (int i = 0; i < 300; ++i) other.add(dist(rng) * 1e3);
  QuantileSketch restored = QuantileSketch::restore(original.state());
  EXPECT_EQ(restored.count(), original.count());
  EXPECT_EQ(restored.sum(), original.sum());
  EXPECT_EQ(restored.relative_accuracy(), original.relative_accuracy());
  for (double q = 0; q <= 1; q += 0.01) EXPECT_EQ(restored.quantile(q), original.quantile(q)) << q;
  original.merge(other);
  restored.merge(QuantileSketch::restore(other.state()));
  for (double q = 0; q <= 1; q += 0.01) EXPECT_EQ(restored.quantile(q), original.quantile(q)) << q;
  EXPECT_EQ(QuantileSketch::restore(QuantileSketch().state()).quantile(0.5), 0.0);
}

}  // namespace
}  // namespace stargate
