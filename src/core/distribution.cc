#include "stargate/core/distribution.h"

#include <cmath>

namespace stargate {
namespace {

// Two-piece normal through (lo, mid, hi) at z = −z90, 0, +z90.
double split_normal(double lo, double mid, double hi, double z) {
  return mid + z * (z < 0 ? mid - lo : hi - mid) / kStandardNormalP90;
}

double triangular(double min, double mode, double max, double u) {
  if (max <= min) return mode;
  const double split = (mode - min) / (max - min);
  if (u < split) return min + std::sqrt(u * (max - min) * (mode - min));
  return max - std::sqrt((1 - u) * (max - min) * (max - mode));
}

}  // namespace

double standard_normal_quantile(double u) {
  // Peter Acklam's algorithm: rational approximations in a central region and in both tails.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01,  -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  if (u < kLow) {
    const double q = std::sqrt(-2 * std::log(u));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (u > 1 - kLow) return -standard_normal_quantile(1 - u);
  const double q = u - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double Distribution::quantile(double u) const {
  switch (kind) {
    case DistributionKind::split_normal: return split_normal(a, b, c, standard_normal_quantile(u));
    case DistributionKind::split_lognormal:
      return std::exp(split_normal(std::log(a), std::log(b), std::log(c), standard_normal_quantile(u)));
    case DistributionKind::triangular: return triangular(a, b, c, u);
    case DistributionKind::lognormal: return a * std::exp(b * standard_normal_quantile(u));
  }
  return b;
}

double Distribution::central() const { return kind == DistributionKind::lognormal ? a : b; }

}  // namespace stargate
