#include "log_grid3.h"

#include <algorithm>
#include <cmath>

#include "log_curve.h"

namespace stargate::perf_detail {
namespace {

// Cell index and fraction for coordinate x; `excess` collects the log2 distance beyond the last node.
inline int locate(const GridAxis& a, double x, double& frac, double& excess) {
  double u = (x - a.first) / a.step;
  if (!(u > 0)) {  // below the grid (or NaN): clamp to the first node
    frac = 0;
    return 0;
  }
  const double last = a.count - 1;
  if (u >= last) {
    excess += (u - last) * a.step;
    frac = 1;
    return a.count - 2;
  }
  int i = static_cast<int>(u);
  frac = u - i;
  return i;
}

}  // namespace

double LogGrid3::eval(double x, double y, double z) const {
  double fx, fy, fz, excess = 0;
  const int i = locate(axes_[0], x, fx, excess);
  const int j = locate(axes_[1], y, fy, excess);
  const int k = locate(axes_[2], z, fz, excess);
  const size_t sk = 1, sj = size_t(axes_[2].count), si = sj * size_t(axes_[1].count);
  const double* p = values_.data() + index(i, j, k);
  auto lerp = [](double a, double b, double t) { return a + t * (b - a); };
  const double c00 = lerp(p[0], p[sk], fz), c01 = lerp(p[sj], p[sj + sk], fz);
  const double c10 = lerp(p[si], p[si + sk], fz), c11 = lerp(p[si + sj], p[si + sj + sk], fz);
  return lerp(lerp(c00, c01, fy), lerp(c10, c11, fy), fx) + kLn2 * excess;
}

void LogGrid3::make_non_decreasing() {
  const int n[3] = {axes_[0].count, axes_[1].count, axes_[2].count};
  std::vector<double> line, up, down;
  for (int axis = 0; axis < 3; ++axis) {
    const int len = n[axis];
    line.resize(len);
    up.resize(len);
    down.resize(len);
    const int o1 = (axis + 1) % 3, o2 = (axis + 2) % 3;
    for (int a = 0; a < n[o1]; ++a) {
      for (int b = 0; b < n[o2]; ++b) {
        int idx[3];
        idx[o1] = a;
        idx[o2] = b;
        for (int t = 0; t < len; ++t) {
          idx[axis] = t;
          line[t] = at(idx[0], idx[1], idx[2]);
        }
        up[0] = line[0];
        for (int t = 1; t < len; ++t) up[t] = std::max(up[t - 1], line[t]);
        down[len - 1] = line[len - 1];
        for (int t = len - 2; t >= 0; --t) down[t] = std::min(down[t + 1], line[t]);
        for (int t = 0; t < len; ++t) {
          idx[axis] = t;
          at(idx[0], idx[1], idx[2]) = 0.5 * (up[t] + down[t]);
        }
      }
    }
  }
}

}  // namespace stargate::perf_detail
