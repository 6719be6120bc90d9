#pragma once
// A 1-D calibration curve in log space: y = ln(value) as a piecewise-linear function of x = log2(size), with
// straight-line extrapolation outside the knots. Evaluation allocates nothing.
#include <utility>
#include <vector>

namespace stargate::perf_detail {

inline constexpr double kLn2 = 0.69314718055994530942;

class LogCurve {
 public:
  LogCurve() = default;
  // Knots from (x, y) points in any order; points closer than 1e-9 in x are averaged. Outside the knots y
  // continues with `left_slope` / `right_slope` (dy per unit x; kLn2 means "value proportional to size").
  LogCurve(std::vector<std::pair<double, double>> points, double left_slope, double right_slope);

  bool empty() const { return xs_.empty(); }
  double at(double x) const;
  // Isotonic regression (pool adjacent violators, equal weights): the closest non-decreasing knot values.
  void make_non_decreasing();
  // Slope of the first knot segment (0 with fewer than two knots).
  double first_segment_slope() const;
  void set_slopes(double left_slope, double right_slope) {
    left_slope_ = left_slope;
    right_slope_ = right_slope;
  }
  const std::vector<double>& xs() const { return xs_; }
  const std::vector<double>& ys() const { return ys_; }

 private:
  std::vector<double> xs_, ys_;
  double left_slope_ = 0, right_slope_ = 0;
};

}  // namespace stargate::perf_detail
