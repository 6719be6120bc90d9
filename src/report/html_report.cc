// The fleet plan as one self-contained HTML page (see html_report.h).
#include "stargate/report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "fleet_generations.h"
#include "html_charts.h"
#include "monte_carlo_report.h"
#include "html_page.h"
#include "text_format.h"

namespace stargate {

using html_detail::escape;
using html_detail::Series;
using report_detail::thousands;

namespace {

// The quarterly table's columns, each with the definition printed under the table.
struct Column {
  const char* header;
  const char* definition;
};
constexpr Column kColumns[] = {
    {"quarter", "calendar quarter of the program"},
    {"GPUs installed", "GPUs in service at the end of the quarter, all generations"},
    {"bf16 PFLOP/s", "installed dense bf16 peak compute"},
    {"IT MW", "nameplate IT power of the installed GPUs (host and network included)"},
    {"meter MW", "average draw at the meter: installed IT power × utilization × PUE"},
    {"spent $B", "cumulative capex (IT and facility) against the program budget"},
    {"binding limit", "the tightest of budget, power, HBM and CoWoS supply on that quarter's GPU purchases"},
    {"$/GPU-h", "(capital recovery + energy) / installed GPU-hours"},
    {"largest run GPUs", "GPUs in the biggest single-site, single-generation cluster (no cross-site training)"},
    {"training days", "days to train the scenario's training FLOPs on that cluster, with reliability goodput"},
    {"$/M tokens", "serving cost per million decode tokens at the TPOT SLO (decode-only capacity)"},
};

std::string summary_table(const FleetPlan& p) {
  std::string t = "<table><tr>";
  for (const Column& c : kColumns) t += fmt::format("<th>{}</th>", escape(c.header));
  t += "</tr>\n";
  for (size_t i = 0; i < p.result.quarters.size(); ++i) {
    const FleetQuarter& q = p.result.quarters[i];
    const QuarterDelivery& d = p.delivery.quarters[i];
    t += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.1f}</td>"
                     "<td>{}</td><td>{:.2f}</td><td>{}</td><td>{:.1f}</td><td>{:.3f}</td></tr>\n",
                     quarter_name(q.quarter), thousands(q.gpus_installed), thousands(q.peak_flops[0] / 1e15),
                     thousands(q.installed_it_watts / 1e6), thousands(q.facility_watts / 1e6), q.spent / 1e9,
                     limit_name(q.binding), q.usd_per_gpu_hour, thousands(d.largest_cluster_gpus), d.training_days,
                     d.usd_per_million_tokens);
  }
  t += "</table>\n<dl class=\"columns\">\n";
  for (const Column& c : kColumns) t += fmt::format("<dt>{}</dt><dd>{}</dd>\n", escape(c.header), escape(c.definition));
  return t + "</dl>\n";
}

// The plotted values, one per quarter, in the units of their charts.
struct QuarterSeries {
  std::vector<std::string> x;  // quarter names
  std::vector<Series> gpus_by_generation;
  std::vector<double> pflops, it_mw, energized_mw, meter_mw, released_busd, spent_busd, capex_busd, usd_gpu_h,
      usd_mtok;
  std::vector<std::string> binding;
};

QuarterSeries quarter_series(const FleetPlan& p) {
  const FleetScenario& s = p.scenario;
  QuarterSeries out;
  static const char* kGenColors[] = {"#7f7f7f", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
  for (size_t g = 0; g < s.generations.size(); ++g) {
    out.gpus_by_generation.push_back({.name = s.generations[g].name, .values = {}, .color = kGenColors[g % 6]});
  }
  for (size_t i = 0; i < p.result.quarters.size(); ++i) {
    const FleetQuarter& q = p.result.quarters[i];
    const QuarterDelivery& d = p.delivery.quarters[i];
    out.x.push_back(quarter_name(q.quarter));
    for (size_t g = 0; g < out.gpus_by_generation.size(); ++g) {
      out.gpus_by_generation[g].values.push_back(q.gpus_by_generation[g]);
    }
    out.pflops.push_back(q.peak_flops[0] / 1e15);
    out.it_mw.push_back(q.installed_it_watts / 1e6);
    out.energized_mw.push_back(q.energized_it_watts / 1e6);
    out.meter_mw.push_back(q.facility_watts / 1e6);
    out.released_busd.push_back(q.budget_released / 1e9);
    out.spent_busd.push_back(q.spent / 1e9);
    out.capex_busd.push_back((q.capex_it + q.capex_facility) / 1e9);
    out.usd_gpu_h.push_back(q.gpus_installed > 0 ? q.usd_per_gpu_hour : NAN);
    out.usd_mtok.push_back(d.usd_per_million_tokens > 0 ? d.usd_per_million_tokens : NAN);
    out.binding.push_back(std::string(limit_name(q.binding)) +
                          (q.generation >= 0 ? " (" + s.generations[q.generation].name + ")" : ""));
  }
  return out;
}

// Generations never installed are left out of the capacity chart's legend.
std::vector<Series> installed_generations(const std::vector<Series>& by_generation) {
  std::vector<Series> installed;
  for (const Series& g : by_generation) {
    if (std::any_of(g.values.begin(), g.values.end(), [](double v) { return v > 0; })) installed.push_back(g);
  }
  return installed;
}

// Title and the one-paragraph summary of the last quarter.
std::string page_head(const FleetPlan& p) {
  const FleetScenario& s = p.scenario;
  std::string h = html_detail::page_open(s.name + " - fleet plan", s.name);
  const FleetQuarter& last = p.result.quarters.back();
  const QuarterDelivery& dl = p.delivery.quarters.back();
  h += fmt::format("<p>Budget ${:.0f}B from {} over {} quarters, {} sites; accelerators: {}. At {}: "
                   "<b>{} GPUs</b>, {} bf16 PFLOP/s, {} MW at the meter, ${:.1f}B spent; training {} "
                   "FLOPs of {} takes <b>{:.1f} days</b> on {} GPUs ({}); serving {} at {:.0f} ms TPOT costs "
                   "<b>${:.3f} per million tokens</b>.</p>\n",
                   s.budget_total_usd / 1e9, quarter_name(s.start), s.quarters, s.sites.size(),
                   escape(report_detail::generations_headline(p)), quarter_name(last.quarter),
                   thousands(last.gpus_installed), thousands(last.peak_flops[0] / 1e15),
                   thousands(last.facility_watts / 1e6), last.spent / 1e9, report_detail::magnitude(s.training.flops),
                   escape(s.training.model), dl.training_days, thousands(dl.training_gpus_used),
                   escape(dl.training_plan), escape(s.serving.model),
                   s.serving.tpot_seconds * 1e3, dl.usd_per_million_tokens);
  return h;
}

std::string quarter_charts(const QuarterSeries& q) {
  const std::vector<std::string>& x = q.x;
  std::string h =
      html_detail::line_chart("capacity", "Installed GPUs by generation", "GPUs", x,
                              installed_generations(q.gpus_by_generation), true);
  h += html_detail::line_chart("pflops", "Installed dense bf16 compute", "PFLOP/s", x, {{"bf16 PFLOP/s", q.pflops, "#1f77b4"}});
  h += html_detail::line_chart("power", "Power", "MW", x,
                               {{"energized IT", q.energized_mw, "#2ca02c"}, {"installed IT", q.it_mw, "#1f77b4"},
                                {"at the meter (avg)", q.meter_mw, "#d62728"}});
  h += html_detail::line_chart("spend", "Budget and spend (cumulative) and capex per quarter", "$B", x,
                               {{"released", q.released_busd, "#7f7f7f"}, {"spent", q.spent_busd, "#d62728"},
                                {"capex this quarter", q.capex_busd, "#ff7f0e"}});
  h += html_detail::band_chart("binding", "Binding limit on GPU purchases each quarter", x, q.binding);
  h += html_detail::line_chart("cost", "Cost per token and per GPU-hour", "$", x,
                               {{"$/M tokens", q.usd_mtok, "#9467bd"}, {"$/GPU-hour", q.usd_gpu_h, "#8c564b"}});
  return h;
}

std::string tornado_section(const Tornado& tornado) {
  std::vector<html_detail::TornadoBar> bars;
  for (const TornadoRow& r : tornado.rows) {
    bars.push_back({.label = r.vary.field + " " + r.vary.low + ".." + r.vary.high,
                    .low = r.low.pflops_bf16,
                    .high = r.high.pflops_bf16});
  }
  return html_detail::tornado_chart("tornado", "Sensitivity of installed bf16 PFLOP/s at the end", "PFLOP/s",
                                    tornado.base.pflops_bf16, bars);
}

}  // namespace

std::string fleet_html_report(const FleetPlan& p) {
  std::string h = page_head(p) + quarter_charts(quarter_series(p));
  if (p.tornado && !p.tornado->rows.empty()) h += tornado_section(*p.tornado);
  if (p.monte_carlo) h += report_detail::monte_carlo_html(*p.monte_carlo);
  h += "<h2>Quarter by quarter</h2>\n" + summary_table(p);
  h += "<p class=\"note\">Capex counts against the budget; energy is operator opex. $/GPU-hour = capital recovery at "
       "the cost of capital + energy, over installed GPU-hours. Serving capacity is decode-only at the TPOT SLO. "
       "Parameters and their sources: data/scenarios/stargate.yaml and docs/fleet.md.</p>\n";
  h += html_detail::page_close();
  return h;
}

}  // namespace stargate
