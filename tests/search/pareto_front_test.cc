// The Pareto front with both figures maximized: a point is on it when no other point is at least as high on both
// and higher on one; equal points do not dominate each other; non-finite points are never on it.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "stargate/search/pareto_front.h"

namespace stargate {
namespace {

struct FrontCase {
  const char* name;
  std::vector<MaximizedPair> points;
  std::vector<bool> on_front;
};

TEST(ParetoFront, IsTheNonDominatedSetOfHandMadePoints) {
  const double nan = std::nan("");
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<FrontCase> cases = {
      {"empty", {}, {}},
      {"single point", {{3, 4}}, {true}},
      {"a dominated point is excluded", {{1, 1}, {2, 2}}, {false, true}},
      {"dominated on one figure, tied on the other", {{2, 1}, {2, 2}, {1, 2}}, {false, true, false}},
      {"equal points are both on the front", {{2, 2}, {2, 2}, {1, 1}}, {true, true, false}},
      {"equal points both dominated", {{1, 1}, {1, 1}, {1, 2}}, {false, false, true}},
      {"all on the front (a trade-off)", {{1, 4}, {2, 3}, {3, 2}, {4, 1}}, {true, true, true, true}},
      {"order of the input does not matter", {{4, 1}, {1, 4}, {2, 2}, {3, 2}}, {true, true, false, true}},
      {"non-finite points are never on it nor dominate", {{nan, 9}, {9, inf}, {1, 1}}, {false, false, true}},
      {"negative figures", {{-1, -1}, {-2, 0}, {-2, -1}}, {true, true, false}},
  };
  for (const FrontCase& c : cases) {
    EXPECT_EQ(pareto_front_flags(c.points), c.on_front) << c.name;
  }
}

// The sweep agrees with the definition (every pair compared) on random points with many ties.
TEST(ParetoFront, AgreesWithThePairwiseDefinition) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> value(0, 6);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<MaximizedPair> points(1 + trial % 17);
    for (MaximizedPair& p : points) p = {.first = double(value(rng)), .second = double(value(rng))};
    const std::vector<bool> flags = pareto_front_flags(points);
    for (size_t i = 0; i < points.size(); ++i) {
      bool dominated = false;
      for (const MaximizedPair& q : points) {
        dominated = dominated || (q.first >= points[i].first && q.second >= points[i].second &&
                                  (q.first > points[i].first || q.second > points[i].second));
      }
      EXPECT_EQ(flags[i], !dominated) << "trial " << trial << " point " << i;
    }
  }
}

}  // namespace
}  // namespace stargate
