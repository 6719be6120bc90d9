// The grow-then-bisect helpers: hand-derived answers and the exact order of probes (callers memoize and count).
#include "stargate/search/bisection.h"

#include <gtest/gtest.h>

#include <vector>

namespace stargate {
namespace {

TEST(Bisection, HighestMeetingDoublesUntilAFailThenHalvesTheBracket) {
  // meets(x) = x ≤ 10 from lo = 1: 2, 4, 8 meet, 16 fails → [8, 16]; then 12 fails, 10 meets, 11 fails.
  std::vector<double> probes;
  const double x = highest_meeting(1.0, 1.0, [&](double r) { probes.push_back(r); return r <= 10; },
                                   GrowThenBisect{.max_doublings = 24, .bisections = 3});
  EXPECT_EQ(x, 10.0);
  EXPECT_EQ(probes, (std::vector<double>{2, 4, 8, 16, 12, 10, 11}));
}

TEST(Bisection, HighestMeetingCollapsesTheBracketWhenGrowthNeverFails) {
  std::vector<double> probes;
  const double x = highest_meeting(1.0, 1.0, [&](double r) { probes.push_back(r); return true; },
                                   GrowThenBisect{.max_doublings = 2, .bisections = 1});
  EXPECT_EQ(x, 4.0);
  EXPECT_EQ(probes, (std::vector<double>{2, 4, 4}));  // [4, 4]: the bisection re-probes 4
}

TEST(Bisection, HighestMeetingWithoutGrowthBisectsTheGivenBracket) {
  // [10, 20], meets(x) = x ≤ 13: 15 fails, 12.5 meets.
  const double x = highest_meeting(10.0, 20.0, [](double r) { return r <= 13; },
                                   GrowThenBisect{.max_doublings = 0, .bisections = 2});
  EXPECT_EQ(x, 12.5);
}

TEST(Bisection, FewestMeetingFindsTheSmallestCountThatMeets) {
  // meets(n) = n ≥ 37 up to 100: 1..32 fail, 64 meets → [32, 64]; 48 m, 40 m, 36 f, 38 m, 37 m.
  std::vector<int> probes;
  const int n = fewest_meeting(100, [&](int u) { probes.push_back(u); return u >= 37; });
  EXPECT_EQ(n, 37);
  EXPECT_EQ(probes, (std::vector<int>{1, 2, 4, 8, 16, 32, 64, 48, 40, 36, 38, 37}));
}

TEST(Bisection, FewestMeetingIsZeroWhenEvenTheMaximumFails) {
  std::vector<int> probes;
  EXPECT_EQ(fewest_meeting(10, [&](int u) { probes.push_back(u); return false; }), 0);
  EXPECT_EQ(probes, (std::vector<int>{1, 2, 4, 8, 10}));  // growth is capped at the maximum
  EXPECT_EQ(fewest_meeting(0, [](int) { return true; }), 0);
  EXPECT_EQ(fewest_meeting(5, [](int) { return true; }), 1);
}

}  // namespace
}  // namespace stargate
