#pragma once
// The numbers of the validation report: median and 90th-percentile absolute errors overall, per source and per
// file, and the skipped cases with their reasons (report/validation_report.h renders them with the cases).
#include <string>
#include <utility>
#include <vector>

#include "stargate/validation/case_result.h"

namespace stargate {

struct ErrorStats {
  std::string group;  // source label, file name or "all"
  int cases = 0;      // compared + skipped (unverified cases are not counted here)
  int skipped = 0;
  int unverified = 0;  // cases marked unverified: listed apart, never in these statistics
  double median_abs_error = 0;  // fractions (0.1 = 10%) over the compared cases
  double p90_abs_error = 0;
  int compared() const { return cases - skipped; }
  double skipped_fraction() const { return cases > 0 ? static_cast<double>(skipped) / cases : 0; }
};

struct ValidationSummary {
  ErrorStats overall;
  std::vector<ErrorStats> by_source;  // in first-appearance order
  std::vector<ErrorStats> by_file;
  std::vector<std::pair<std::string, int>> skip_reasons;  // reason -> count, most frequent first
};

// Percentile by linear interpolation between closest ranks (NumPy's default): position q·(n−1) in the sorted
// values, q in [0, 1]. 0 for no values.
double percentile(std::vector<double> values, double q);

ErrorStats error_stats(const std::string& group, const std::vector<CaseResult>& results);
ValidationSummary summarize(const std::vector<CaseResult>& results);

}  // namespace stargate
