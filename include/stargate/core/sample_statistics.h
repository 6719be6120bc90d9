#pragma once
// Summaries of Monte Carlo samples: percentiles and Spearman's rank correlation.
#include <vector>

namespace stargate {

// The p-th percentile (0 ≤ p ≤ 100) by linear interpolation between order statistics (Hyndman and Fan type 7, the
// default of R and NumPy); 0 for an empty sample. `values` need not be sorted.
double sample_percentile(std::vector<double> values, double p);

// Ranks 1..n, ties sharing their average rank.
std::vector<double> average_ranks(const std::vector<double>& values);

// Spearman's rho: the Pearson correlation of the average ranks, in [−1, 1]; 0 when either sample is constant
// (no spread to explain) or the sizes differ or are below 2.
double spearman_rank_correlation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace stargate
