#pragma once
// Grow-then-bisect: the one bracketing search behind capacity sizing (highest rate a replica sustains) and the
// deployment search (fewest units that serve a demand, highest rate per unit). `meets` is a monotone predicate;
// every helper calls it in a fixed, documented order, so a memoizing or counting caller sees a reproducible
// sequence of probes.
#include <algorithm>

namespace stargate {

struct GrowThenBisect {
  int max_doublings = 0;  // growth steps at most (0: no growth, bisect the given bracket)
  int bisections = 0;     // halvings of the bracket after growth
};

// Highest x known to meet, where meets(x) holds at `lo` and fails above some point. Growth: hi = 2·lo; if
// meets(hi), lo = hi and repeat (at most max_doublings times; when every step meets, the bracket collapses to
// [lo, lo]). Then `bisections` times: mid = (lo + hi) / 2 replaces lo if it meets, else hi. Returns lo.
template <class Meets>
double highest_meeting(double lo, double hi, Meets&& meets, GrowThenBisect steps) {
  for (int i = 0; i < steps.max_doublings; ++i, lo = hi) {
    hi = lo * 2;
    if (!meets(hi)) break;
  }
  for (int i = 0; i < steps.bisections; ++i) {
    const double mid = (lo + hi) / 2;
    (meets(mid) ? lo : hi) = mid;
  }
  return lo;
}

// Fewest n in [1, max_n] with meets(n), where meets is monotone increasing in n; 0 when even max_n fails.
// Growth tries n = 1, 2, 4, ... (capped at max_n) until one meets, then bisects the integer bracket to the
// smallest n that meets.
template <class Meets>
int fewest_meeting(int max_n, Meets&& meets) {
  if (max_n < 1) return 0;
  int lo = 0, hi = 1;  // lo fails (0 trivially), hi is the next to try
  while (hi < max_n && !meets(hi)) {
    lo = hi;
    hi = std::min(2 * hi, max_n);
  }
  if (hi == max_n && !meets(hi)) return 0;
  while (hi - lo > 1) {
    const int mid = lo + (hi - lo) / 2;
    (meets(mid) ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace stargate
