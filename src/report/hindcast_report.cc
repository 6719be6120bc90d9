// `stargate plan --hindcast FILE` as text, JSON and CSV (hindcast_report.h).
#include "stargate/report/hindcast_report.h"

#include <fmt/format.h>

#include <cstdlib>

#include "json_text.h"
#include "text_format.h"

namespace stargate {
namespace {

using report_detail::money;
using report_detail::thousands;

// A milestone quantity in its natural unit: "1,200 MW", "400,000 GPUs", "$40.0B".
std::string quantity_text(MilestoneMetric metric, double value) {
  switch (metric) {
    case MilestoneMetric::facility_power:
    case MilestoneMetric::it_power:
    case MilestoneMetric::generation_it_power: return thousands(value / 1e6) + " MW";
    case MilestoneMetric::gpus_installed: return thousands(value) + " GPUs";
    case MilestoneMetric::budget_committed:
    case MilestoneMetric::capex_spent:
    case MilestoneMetric::it_capex: return money(value);
  }
  return "";
}

std::string scope_text(const Milestone& m) {
  if (!m.site.empty()) return m.site;
  if (!m.generation.empty()) return m.generation;
  return "fleet";
}

// A CSV field: quoted (with doubled quotes) when it holds a comma, quote or line break.
std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string time_text(const Hindcast& h, const HindcastRow& r) {
  if (!r.compared) return "-";
  if (!r.reached) return "not by " + quarter_name(h.last);
  if (r.quarters_late == 0) return "on time";
  return fmt::format("{} q {}", std::abs(r.quarters_late), r.quarters_late > 0 ? "late" : "early");
}

}  // namespace

std::string hindcast_to_text(const Hindcast& h) {
  std::string out = fmt::format("Hindcast of {} ({}..{}) against {} milestones\n\n", h.scenario, quarter_name(h.first),
                                quarter_name(h.last), h.rows.size());
  constexpr const char* kRow = "{:<30} {:<10} {:<7} {:<19} {:<14} {:>13} {:>13} {:>8} {:>12}\n";
  out += fmt::format(kRow, "milestone", "date", "status", "metric", "scope", "record", "twin", "error", "time");
  for (const HindcastRow& r : h.rows) {
    const Milestone& m = r.milestone;
    out += fmt::format(kRow, m.id, m.date, m.planned ? "planned" : "done", milestone_metric_name(m.metric),
                       scope_text(m), (m.estimate.empty() ? "" : "~") + quantity_text(m.metric, m.value),
                       r.compared ? quantity_text(m.metric, r.twin_value) : "-",
                       r.compared ? report_detail::percent(r.quantity_error, true) : "-", time_text(h, r));
  }
  for (const HindcastRow& r : h.rows) {
    if (!r.compared) out += fmt::format("{}: not compared: {}\n", r.milestone.id, r.why_not);
  }
  out += fmt::format(
      "\n{} of {} milestones compared; median |quantity error| {:.0f}%; the twin reaches {} of them, median |time "
      "error| {:.1f} quarters.\n",
      h.compared, h.rows.size(), h.median_abs_quantity_error * 100, h.reached, h.median_abs_quarters);
  out += "error: twin / record - 1 at the quarter holding the date (end-of-quarter state). time: quarters from the "
         "milestone's quarter to the first quarter the twin reaches the record (within 0.5%). status: done = "
         "reported achieved, planned = a stated plan or target; ~ = the record value is an estimate (its reasoning is in the "
         "milestones file).\n";
  return out;
}

std::string hindcast_to_json(const Hindcast& h) {
  nlohmann::json rows = nlohmann::json::array();
  for (const HindcastRow& r : h.rows) {
    const Milestone& m = r.milestone;
    nlohmann::json row = {{"id", m.id}, {"date", m.date}, {"quarter", quarter_name(m.quarter)},
                          {"status", m.planned ? "planned" : "achieved"},
                          {"metric", milestone_metric_name(m.metric)}, {"site", m.site},
                          {"generation", m.generation}, {"record", m.value}, {"source", m.source},
                          {"source_date", m.source_date}, {"estimate", m.estimate}, {"compared", r.compared}};
    if (r.compared) {
      row["twin"] = r.twin_value;
      row["quantity_error"] = r.quantity_error;
      row["reached"] = r.reached;
      row["time_error_quarters"] = r.reached ? nlohmann::json(r.quarters_late) : nlohmann::json(nullptr);
    } else {
      row["why_not"] = r.why_not;
    }
    rows.push_back(row);
  }
  const nlohmann::json j = {{"scenario", h.scenario}, {"first", quarter_name(h.first)}, {"last", quarter_name(h.last)},
                            {"milestones", rows}, {"compared", h.compared}, {"reached", h.reached},
                            {"median_abs_quantity_error", h.median_abs_quantity_error},
                            {"median_abs_quarters", h.median_abs_quarters}};
  return report_detail::indented_json(j);
}

std::string hindcast_to_csv(const Hindcast& h) {
  std::string out = "id,date,status,metric,scope,record,twin,quantity_error,time_error_quarters\n";
  for (const HindcastRow& r : h.rows) {
    const Milestone& m = r.milestone;
    out += fmt::format("{},{},{},{},{},{:.6g},{},{},{}\n", csv_cell(m.id), m.date, m.planned ? "planned" : "achieved",
                       milestone_metric_name(m.metric), csv_cell(scope_text(m)), m.value,
                       r.compared ? fmt::format("{:.6g}", r.twin_value) : "",
                       r.compared ? fmt::format("{:.4f}", r.quantity_error) : "",
                       r.compared && r.reached ? fmt::format("{}", r.quarters_late) : "");
  }
  return out;
}

}  // namespace stargate
