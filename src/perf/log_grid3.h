#pragma once
// A 3-D table on a uniform grid in log2 coordinates holding ln(value): trilinear interpolation inside, the edge
// value below the grid, and "value proportional to size" (slope ln 2 per log2 unit) above it on each axis.
// Evaluation allocates nothing.
#include <cstddef>
#include <vector>

namespace stargate::perf_detail {

struct GridAxis {
  double first = 0;  // log2 of the first node
  double step = 1;   // log2 distance between nodes
  int count = 1;     // number of nodes (>= 2 for interpolation)
  double node(int i) const { return first + step * i; }
  double last() const { return node(count - 1); }
};

class LogGrid3 {
 public:
  LogGrid3() = default;
  LogGrid3(GridAxis x, GridAxis y, GridAxis z) : axes_{x, y, z}, values_(std::size_t(x.count) * y.count * z.count) {}

  bool empty() const { return values_.empty(); }
  const GridAxis& axis(int a) const { return axes_[a]; }
  double& at(int i, int j, int k) { return values_[index(i, j, k)]; }
  double at(int i, int j, int k) const { return values_[index(i, j, k)]; }
  // ln(value) at log2 coordinates (x, y, z).
  double eval(double x, double y, double z) const;
  // Makes the table non-decreasing along every axis: on each line, the midpoint of the running maximum from
  // below and the running minimum from above (both monotone, so earlier axes stay monotone too).
  void make_non_decreasing();

 private:
  std::size_t index(int i, int j, int k) const { return (std::size_t(i) * axes_[1].count + j) * axes_[2].count + k; }
  GridAxis axes_[3];
  std::vector<double> values_;
};

}  // namespace stargate::perf_detail
