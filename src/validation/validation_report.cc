#include "report_format.h"
#include "stargate/validation/validation_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
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

using validation_detail::num;
using validation_detail::pct;

nlohmann::json stats_json(const ErrorStats& s) {
  return {{"group", s.group},
          {"cases", s.cases},
          {"compared", s.compared()},
          {"skipped", s.skipped},
          {"median_abs_error_pct", 100 * s.median_abs_error},
          {"p90_abs_error_pct", 100 * s.p90_abs_error}};
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

std::string validation_to_text(const std::vector<CaseResult>& results) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-58s %-28s %-22s %11s %11s %8s\n", "case", "source", "metric", "predicted",
                "measured", "error");
  out += line;
  for (const CaseResult& r : results) {
    if (r.skipped) {
      std::snprintf(line, sizeof line, "%-58s %-28s skipped: %s\n", r.id.c_str(), r.source.c_str(),
                    r.skip_reason.c_str());
    } else {
      std::snprintf(line, sizeof line, "%-58s %-28s %-22s %11s %11s %8s\n", r.id.c_str(), r.source.c_str(),
                    r.metric.c_str(), num(r.predicted).c_str(), num(r.measured).c_str(),
                    pct(r.signed_error(), true).c_str());
    }
    out += line;
  }
  const ValidationSummary s = summarize(results);
  out += "\n|error| by group            cases  compared  skipped   median      p90\n";
  auto row = [&](const ErrorStats& e) {
    std::snprintf(line, sizeof line, "%-28s %6d %9d %8d %8s %8s\n", e.group.c_str(), e.cases, e.compared(),
                  e.skipped, pct(e.median_abs_error, false).c_str(), pct(e.p90_abs_error, false).c_str());
    out += line;
  };
  row(s.overall);
  for (const ErrorStats& e : s.by_file) row(e);
  for (const ErrorStats& e : s.by_source) row(e);
  if (!s.skip_reasons.empty()) out += "\nskipped:\n";
  for (const auto& [reason, count] : s.skip_reasons) out += "  " + std::to_string(count) + " x " + reason + "\n";
  return out;
}

nlohmann::json validation_to_json(const std::vector<CaseResult>& results) {
  nlohmann::json cases = nlohmann::json::array();
  for (const CaseResult& r : results) {
    nlohmann::json c = {{"file", r.file}, {"id", r.id}, {"source", r.source}, {"metric", r.metric},
                        {"skipped", r.skipped}, {"note", r.note}};
    if (r.skipped) {
      c["skip_reason"] = r.skip_reason;
    } else {
      c["predicted"] = r.predicted;
      c["measured"] = r.measured;
      c["signed_error_pct"] = 100 * r.signed_error();
      if (!r.breakdown_seconds.empty()) {
        nlohmann::json b = nlohmann::json::object();
        for (const auto& [name, seconds] : r.breakdown_seconds) b[name] = seconds;
        c["step_breakdown_seconds"] = b;
      }
    }
    cases.push_back(c);
  }
  const ValidationSummary s = summarize(results);
  nlohmann::json by_source = nlohmann::json::array(), by_file = nlohmann::json::array(),
                 reasons = nlohmann::json::array();
  for (const ErrorStats& e : s.by_source) by_source.push_back(stats_json(e));
  for (const ErrorStats& e : s.by_file) by_file.push_back(stats_json(e));
  for (const auto& [reason, count] : s.skip_reasons) reasons.push_back({{"reason", reason}, {"count", count}});
  return {{"cases", cases},
          {"summary", {{"overall", stats_json(s.overall)}, {"by_file", by_file}, {"by_source", by_source},
                       {"skip_reasons", reasons}}}};
}

}  // namespace stargate
