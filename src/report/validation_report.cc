// The `stargate validate` table and JSON (see validation_report.h).
#include "stargate/report/validation_report.h"

#include <cstdio>

#include "json_text.h"
#include "stargate/validation/validation_summary.h"
#include "text_format.h"

namespace stargate {
namespace {

using report_detail::percent;
using report_detail::significant;

std::string cases_table(const std::vector<CaseResult>& results) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-58s %-28s %-22s %11s %11s %8s\n", "case", "source", "metric", "predicted",
                "measured", "error");
  out += line;
  for (const CaseResult& r : results) {
    const std::string source = r.unverified ? r.source + " (unverified)" : r.source;
    if (r.skipped) {
      std::snprintf(line, sizeof line, "%-58s %-28s skipped: %s\n", r.id.c_str(), source.c_str(),
                    r.skip_reason.c_str());
    } else {
      std::snprintf(line, sizeof line, "%-58s %-28s %-22s %11s %11s %8s\n", r.id.c_str(), source.c_str(),
                    r.metric.c_str(), significant(r.predicted).c_str(), significant(r.measured).c_str(),
                    percent(r.signed_error(), true).c_str());
    }
    out += line;
  }
  return out;
}

std::string summary_table(const ValidationSummary& s) {
  std::string out = "\n|error| by group            cases  compared  skipped   median      p90\n";
  auto row = [&](const ErrorStats& e) {
    char line[512];
    std::snprintf(line, sizeof line, "%-28s %6d %9d %8d %8s %8s\n", e.group.c_str(), e.cases, e.compared(),
                  e.skipped, percent(e.median_abs_error, false).c_str(), percent(e.p90_abs_error, false).c_str());
    out += line;
  };
  row(s.overall);
  for (const ErrorStats& e : s.by_file) row(e);
  for (const ErrorStats& e : s.by_source) row(e);
  if (s.overall.unverified > 0) {
    out += "\n" + std::to_string(s.overall.unverified) +
           " case(s) marked unverified are listed above and left out of these statistics\n";
  }
  if (!s.skip_reasons.empty()) out += "\nskipped:\n";
  for (const auto& [reason, count] : s.skip_reasons) out += "  " + std::to_string(count) + " x " + reason + "\n";
  return out;
}

nlohmann::json case_json(const CaseResult& r) {
  nlohmann::json c = {{"file", r.file}, {"id", r.id}, {"source", r.source}, {"metric", r.metric},
                      {"skipped", r.skipped}, {"unverified", r.unverified}, {"note", r.note}};
  if (r.skipped) {
    c["skip_reason"] = r.skip_reason;
    return c;
  }
  c["predicted"] = r.predicted;
  c["measured"] = r.measured;
  c["signed_error_pct"] = 100 * r.signed_error();
  if (!r.breakdown_seconds.empty()) {
    nlohmann::json b = nlohmann::json::object();
    for (const auto& [name, seconds] : r.breakdown_seconds) b[name] = seconds;
    c["step_breakdown_seconds"] = b;
  }
  return c;
}

nlohmann::json stats_json(const ErrorStats& s) {
  return {{"group", s.group},
          {"cases", s.cases},
          {"compared", s.compared()},
          {"skipped", s.skipped},
          {"unverified", s.unverified},
          {"median_abs_error_pct", 100 * s.median_abs_error},
          {"p90_abs_error_pct", 100 * s.p90_abs_error}};
}

nlohmann::json summary_json(const ValidationSummary& s) {
  nlohmann::json by_source = nlohmann::json::array(), by_file = nlohmann::json::array(),
                 reasons = nlohmann::json::array();
  for (const ErrorStats& e : s.by_source) by_source.push_back(stats_json(e));
  for (const ErrorStats& e : s.by_file) by_file.push_back(stats_json(e));
  for (const auto& [reason, count] : s.skip_reasons) reasons.push_back({{"reason", reason}, {"count", count}});
  return {{"overall", stats_json(s.overall)}, {"by_file", by_file}, {"by_source", by_source},
          {"skip_reasons", reasons}};
}

}  // namespace

std::string validation_to_text(const std::vector<CaseResult>& results) {
  return cases_table(results) + summary_table(summarize(results));
}

std::string validation_to_json(const std::vector<CaseResult>& results) {
  nlohmann::json cases = nlohmann::json::array();
  for (const CaseResult& r : results) cases.push_back(case_json(r));
  return report_detail::indented_json({{"cases", cases}, {"summary", summary_json(summarize(results))}});
}

}  // namespace stargate
