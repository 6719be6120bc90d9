// The training plan search as one HTML page (see search_html.h).
#include "stargate/report/search_html.h"

#include <fmt/format.h>

#include "html_charts.h"
#include "html_page.h"
#include "html_xy_charts.h"
#include "mfu_format.h"
#include "plan_format.h"
#include "stargate/core/units.h"
#include "text_format.h"

namespace stargate {
namespace {

using html_detail::HeadlineFigure;
using report_detail::plan_compact;

std::string seconds_text(double seconds) { return format_quantity(seconds, Dimension::time); }

std::vector<HeadlineFigure> headline(const Scenario& s, const SearchResult& r, const ReferencePlan& reference) {
  const RankedPlan& best = r.best.front();
  std::vector<HeadlineFigure> f = {
      {"stats.candidates", "candidate plans", double(r.stats.candidates), report_detail::thousands(r.stats.candidates)},
      {"stats.scored", "plans that fit and were scored", double(r.stats.scored), report_detail::thousands(r.stats.scored)},
      {"best.step_seconds", "best plan's step time", best.score.step_seconds, seconds_text(best.score.step_seconds)},
      {"best.mfu", "best plan's MFU", best.score.mfu,
       report_detail::mfu_text(best.score.mfu, s.cluster.accelerator, best.plan.precision)},
      {"best.index", "best plan", double(best.index), plan_compact(best.plan)},
  };
  if (reference.rank > 0) {
    f.push_back({"scenario_plan.rank", "the scenario's own plan", double(reference.rank),
                 fmt::format("rank {} of {}, step {}", reference.rank, r.stats.scored,
                             seconds_text(reference.score.step_seconds))});
  } else {
    f.push_back({"scenario_plan.rank", "the scenario's own plan", 0, "not scored (invalid or does not fit)"});
  }
  return f;
}

// The objective column's header: the --objective name and the unit of PlanScore::objective.
std::string objective_header(const std::string& objective) {
  if (objective == "cost") return "cost (USD per step)";
  if (objective == "energy") return "energy (J per step)";
  return objective + " (s per step)";
}

std::string top_table(const SearchResult& r, const std::string& objective) {
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < r.best.size(); ++i) {
    const PlanScore& p = r.best[i].score;
    rows.push_back({std::to_string(i + 1), seconds_text(p.step_seconds), fmt::format("{:.1f}%", 100 * p.mfu),
                    format_quantity(p.memory_bytes, Dimension::bytes), report_detail::significant(p.objective),
                    plan_compact(r.best[i].plan)});
  }
  return "<h2>Top plans</h2>\n" +
         html_detail::html_table({"rank", "step", "MFU", "memory per GPU", objective_header(objective), "plan"}, rows);
}

std::string top_chart(const SearchResult& r) {
  std::vector<html_detail::Bar> bars;
  for (size_t i = 0; i < r.best.size(); ++i) {
    const double step = r.best[i].score.step_seconds;
    const ParallelPlan& p = r.best[i].plan;
    bars.push_back({.label = fmt::format("#{} tp{} pp{} dp{} vpp{} mb{}", i + 1, p.tp, p.pp, p.dp, p.vpp, p.micro_batch),
                    .value = step, .color = "#1f77b4", .text = seconds_text(step)});
  }
  return html_detail::bar_chart("top", "Step time of the top plans", "s", bars);
}

std::string front_section(const Scenario& s, const std::vector<GpuCountBest>& front) {
  html_detail::XySeries step{.name = "best step time", .points = {}, .color = "#1f77b4", .line = true, .markers = true};
  html_detail::XySeries cost{.name = "its USD per step", .points = {}, .color = "#d62728", .line = true, .markers = true};
  std::vector<std::vector<std::string>> rows;
  for (const GpuCountBest& p : front) {
    if (!p.found) {
      rows.push_back({report_detail::thousands(p.gpus), "no plan fits", "", ""});
      continue;
    }
    const std::string plan = plan_compact(p.best.plan);
    step.points.push_back({.x = double(p.gpus), .y = p.best.score.step_seconds,
                           .label = fmt::format("{} GPUs: {} ({})", p.gpus, seconds_text(p.best.score.step_seconds), plan)});
    cost.points.push_back({.x = double(p.gpus), .y = p.usd_per_step,
                           .label = fmt::format("{} GPUs: ${:.2f} per step ({})", p.gpus, p.usd_per_step, plan)});
    rows.push_back({report_detail::thousands(p.gpus), seconds_text(p.best.score.step_seconds),
                    fmt::format("${:.2f}", p.usd_per_step), plan});
  }
  return fmt::format("<h2>Step time and cost vs GPU count</h2>\n<p>The best plan of the same search at each GPU "
                     "count ({} {} nodes of {}; global batch fixed).</p>\n",
                     s.cluster.node.id, s.cluster.accelerator.id, s.cluster.node.gpus_per_node) +
         html_detail::xy_chart("front", "Best step time vs GPUs", "GPUs", "s per step", {step}) +
         html_detail::xy_chart("front-cost", "Cost per step of that plan vs GPUs", "GPUs", "USD per step", {cost}) +
         html_detail::html_table({"GPUs", "best step", "USD per step", "plan"}, rows);
}

}  // namespace

std::string search_html_report(const Scenario& s, const SearchResult& r, const ReferencePlan& reference,
                               const std::string& objective, const std::vector<GpuCountBest>& front) {
  const std::string title =
      fmt::format("Plan search: {} on {} × {}", s.model.name, s.cluster.gpus, s.cluster.accelerator.name);
  std::string h = html_detail::page_open((s.name.empty() ? title : s.name) + " - plan search", title);
  if (r.best.empty()) return h + "<p>No plan passes the checks and fits in memory.</p>\n" + html_detail::page_close();
  h += fmt::format("<p>Ranked by {}; scenario {}.</p>\n", html_detail::escape(objective), html_detail::escape(s.file));
  h += html_detail::figure_list(headline(s, r, reference));
  h += top_chart(r) + top_table(r, objective) + front_section(s, front);
  h += "<p class=\"note\">The same exhaustive search as <code>stargate search --json</code> (default training space, "
       "docs/search.md); USD per step = step time × GPUs × the cost model's $/GPU-hour (docs/cost.md). Pages: "
       "docs/report.md.</p>\n";
  return h + html_detail::page_close();
}

}  // namespace stargate
