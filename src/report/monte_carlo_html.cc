// The Monte Carlo section of the HTML report: fan charts and the spread drivers (monte_carlo_report.h).
#include <fmt/format.h>

#include "html_charts.h"
#include "monte_carlo_report.h"

namespace stargate::report_detail {
namespace {

struct Fan {
  McMetric metric;
  const char* id;
  const char* title;
  const char* unit;
  double scale;  // plotted value = value / scale
  const char* color;
};
constexpr Fan kFans[] = {
    {McMetric::gpus, "fan-gpus", "Installed GPUs: P10-P90 band and P50 across draws", "GPUs", 1, "#1f77b4"},
    {McMetric::it_gw, "fan-gw", "Installed IT power: P10-P90 band and P50", "GW", 1, "#2ca02c"},
    {McMetric::spent_usd, "fan-spend", "Cumulative spend: P10-P90 band and P50", "$B", 1e9, "#d62728"},
    {McMetric::bf16_flops, "fan-flops", "Installed dense bf16 compute: P10-P90 band and P50", "EFLOP/s", 1e18, "#9467bd"},
    {McMetric::usd_per_million_tokens, "fan-cost", "Serving cost: P10-P90 band and P50", "$/M tokens", 1, "#8c564b"},
};

std::string drivers_table_html(const MonteCarloSummary& s) {
  std::string t = "<table><tr><th>uncertain input</th><th>distribution</th>";
  for (const char* h : {"GPUs", "IT GW", "FLOP/s", "spend", "$/M tokens"}) t += fmt::format("<th>rho {}</th>", h);
  t += "</tr>\n";
  for (const SpreadDriver& d : s.drivers) {
    std::string fields;
    for (const std::string& f : d.fields) fields += (fields.empty() ? "" : "<br>") + html_detail::escape(f);
    t += fmt::format("<tr><td style=\"text-align:left\">{}</td><td style=\"text-align:left\">{}</td>", fields,
                     html_detail::escape(d.description));
    for (double rho : d.rank_correlation) t += fmt::format("<td>{:+.2f}</td>", rho);
    t += "</tr>\n";
  }
  return t + "</table>\n";
}

}  // namespace

std::string monte_carlo_html(const MonteCarloSummary& s) {
  std::vector<std::string> x;
  for (Quarter q : s.quarters) x.push_back(quarter_name(q));
  std::string h = fmt::format(
      "<h2>Uncertainty: {} Monte Carlo draws</h2>\n<p class=\"note\">Each draw samples every uncertain input of the "
      "scenario (seed {}) and simulates the build-out; the band spans the 10th to 90th percentile of the draws in "
      "each quarter and the line is the median.</p>\n",
      s.draws, s.seed);
  for (const Fan& f : kFans) {
    std::vector<double> p10, p50, p90;
    for (const Percentiles& p : s.by_quarter[static_cast<int>(f.metric)]) {
      p10.push_back(p.p10 / f.scale);
      p50.push_back(p.p50 / f.scale);
      p90.push_back(p.p90 / f.scale);
    }
    h += html_detail::fan_chart(f.id, f.title, f.unit, x, p10, p50, p90, f.color);
  }
  if (s.drivers.empty()) return h;
  h += fmt::format("<h3>What drives the spread</h3>\n<p class=\"note\">Spearman rank correlation of each uncertain "
                   "input with the outputs at {}, strongest first.</p>\n",
                   quarter_name(s.quarters.back()));
  return h + drivers_table_html(s);
}

}  // namespace stargate::report_detail
