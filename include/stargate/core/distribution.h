#pragma once
// The distribution of one uncertain input (docs/fleet.md "Uncertainty"), given by its quantile function (inverse
// CDF) so that a draw is quantile(u) of one uniform u: a draw depends only on its u, never on draw order.
//  * percentiles {p10, p50, p90}: a two-piece ("split") normal through the three quantiles — a normal of scale
//    (p50 − p10)/z90 below the median and (p90 − p50)/z90 above it (z90 = 1.2816), so all three quantiles are met
//    exactly and the skew of the bounds is kept (the Bank of England's fan charts use this shape). In log space
//    (split_lognormal) for quantities that must stay positive: the same fit through ln p10, ln p50, ln p90.
//  * triangular [min, mode, max]: bounded; mean (min + mode + max)/3.
//  * lognormal {median, sigma}: median·e^(sigma·z); sigma is the standard deviation of ln x.
namespace stargate {

enum class DistributionKind { split_normal, split_lognormal, triangular, lognormal };

struct Distribution {
  DistributionKind kind = DistributionKind::split_normal;
  // split_normal, split_lognormal: p10, p50, p90. triangular: min, mode, max. lognormal: median, sigma, unused.
  double a = 0, b = 0, c = 0;

  // The value at cumulative probability u, 0 < u < 1.
  double quantile(double u) const;
  // The value a point plan uses: p50, the mode, or the median.
  double central() const;
};

// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9), 0 < u < 1.
double standard_normal_quantile(double u);
inline constexpr double kStandardNormalP90 = 1.2815515655446004;

}  // namespace stargate
