#include "stargate/validation/validation_summary.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace stargate {
namespace {

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  // Keep the parent folder for measured files ("measured-h100/train.json").
  if (slash != std::string::npos && slash > 0) {
    const size_t up = path.find_last_of('/', slash - 1);
    const std::string parent = path.substr(up == std::string::npos ? 0 : up + 1, slash - (up == std::string::npos ? 0 : up + 1));
    if (parent.rfind("measured", 0) == 0) return parent + "/" + name;
  }
  return name;
}

template <typename Key>
std::vector<ErrorStats> grouped(const std::vector<CaseResult>& results, Key key) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<CaseResult>> groups;
  for (const CaseResult& r : results) {
    const std::string k = key(r);
    if (!groups.count(k)) order.push_back(k);
    groups[k].push_back(r);
  }
  std::vector<ErrorStats> out;
  for (const std::string& k : order) out.push_back(error_stats(k, groups[k]));
  return out;
}

}  // namespace

double percentile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  q = std::clamp(q, 0.0, 1.0);
  const double pos = q * static_cast<double>(values.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

ErrorStats error_stats(const std::string& group, const std::vector<CaseResult>& results) {
  ErrorStats s;
  s.group = group;
  std::vector<double> errors;
  for (const CaseResult& r : results) {
    if (r.unverified) {
      ++s.unverified;
      continue;
    }
    ++s.cases;
    if (r.skipped) {
      ++s.skipped;
    } else {
      errors.push_back(std::fabs(r.signed_error()));
    }
  }
  s.median_abs_error = percentile(errors, 0.5);
  s.p90_abs_error = percentile(errors, 0.9);
  return s;
}

ValidationSummary summarize(const std::vector<CaseResult>& results) {
  ValidationSummary s;
  s.overall = error_stats("all", results);
  s.by_source = grouped(results, [](const CaseResult& r) { return r.source; });
  s.by_file = grouped(results, [](const CaseResult& r) { return base_name(r.file); });
  std::map<std::string, int> reasons;
  for (const CaseResult& r : results) {
    if (r.skipped) ++reasons[r.skip_reason];
  }
  s.skip_reasons.assign(reasons.begin(), reasons.end());
  std::stable_sort(s.skip_reasons.begin(), s.skip_reasons.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return s;
}

}  // namespace stargate
