// Non-dominated points when both figures are maximized (see pareto_front.h).
#include "stargate/search/pareto_front.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace stargate {

std::vector<bool> pareto_front_flags(std::span<const MaximizedPair> points) {
  std::vector<bool> on_front(points.size(), false);
  std::vector<size_t> order;
  for (size_t i = 0; i < points.size(); ++i) {
    if (std::isfinite(points[i].first) && std::isfinite(points[i].second)) order.push_back(i);
  }
  // Highest first figure first; among equal first figures, highest second figure first.
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (points[a].first != points[b].first) return points[a].first > points[b].first;
    return points[a].second > points[b].second;
  });
  // Sweep one group of equal first figures at a time: a point is dominated by a point of a higher first figure
  // that is at least as high on the second, or by a point of its own group that is higher on the second.
  double best_second_before = -std::numeric_limits<double>::infinity();  // over strictly higher first figures
  for (size_t g = 0; g < order.size();) {
    size_t end = g;
    while (end < order.size() && points[order[end]].first == points[order[g]].first) ++end;
    const double group_best = points[order[g]].second;
    for (size_t k = g; k < end; ++k) {
      const double second = points[order[k]].second;
      on_front[order[k]] = second == group_best && second > best_second_before;
    }
    best_second_before = std::max(best_second_before, group_best);
    g = end;
  }
  return on_front;
}

}  // namespace stargate
