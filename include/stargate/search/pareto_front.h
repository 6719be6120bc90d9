#pragma once
// The Pareto front of points scored on two figures that are both maximized (e.g. output tokens/s per GPU and per
// user): a point is on the front when no other point is at least as high on both figures and higher on one. Equal
// points do not dominate each other (both are on the front, or neither). A point with a non-finite figure is never
// on the front and dominates nothing. O(n log n): one sort, then one sweep.
#include <span>
#include <vector>

namespace stargate {

struct MaximizedPair {
  double first = 0, second = 0;  // both maximized; any unit, the same for every point
};

// on_front[i] for points[i], in the order given.
std::vector<bool> pareto_front_flags(std::span<const MaximizedPair> points);

}  // namespace stargate
