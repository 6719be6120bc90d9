// The serving simulation and its deployment front as one HTML page (see serving_html.h).
#include "stargate/report/serving_html.h"

#include <fmt/format.h>

#include <algorithm>

#include "deployment_front_svg.h"
#include "html_charts.h"
#include "html_page.h"
#include "html_xy_charts.h"
#include "stargate/core/units.h"
#include "text_format.h"

namespace stargate {
namespace {

using html_detail::HeadlineFigure;
using html_detail::XySeries;

std::string ms(double seconds) { return fmt::format("{:.1f} ms", seconds * 1e3); }

std::string latency_text(const LatencyStats& l) {
  return fmt::format("p50 {}, p90 {}, p99 {}, mean {}", ms(l.p50), ms(l.p90), ms(l.p99), ms(l.mean));
}

std::vector<HeadlineFigure> headline(const ServingResult& r) {
  std::vector<HeadlineFigure> figures = {
      {"completed", "requests completed", double(r.completed),
       fmt::format("{} of {} ({} rejected, {} preemptions)", r.completed, r.requests, r.rejected, r.preemptions)},
      {"throughput.requests_per_s", "throughput", r.requests_per_s,
       fmt::format("{:.2f} req/s, {:.0f} output tok/s, {:.0f} total tok/s", r.requests_per_s, r.output_tokens_per_s,
                   r.total_tokens_per_s)},
      {"throughput.output_tokens_per_s", "output tokens/s per GPU", r.output_tokens_per_s,
       fmt::format("{:.0f} on {} GPUs", r.gpus > 0 ? r.output_tokens_per_s / r.gpus : 0, r.gpus)},
      {"slo_attainment", "SLO attainment", r.slo_attainment,
       fmt::format("{:.1f}% of requests meet every SLO ({:.2f} req/s goodput)", 100 * r.slo_attainment,
                   r.goodput_requests_per_s)},
      {"ttft.p99_s", "TTFT", r.ttft.p99, latency_text(r.ttft)},
      {"tpot.p99_s", "TPOT", r.tpot.p99, latency_text(r.tpot)},
      {"e2e.p99_s", "end-to-end", r.e2e.p99, latency_text(r.e2e)},
      {"usd_per_million_output_tokens", "cost", r.usd_per_million_output_tokens,
       fmt::format("${:.3f} per million output tokens at ${:.2f}/GPU-h", r.usd_per_million_output_tokens,
                   r.price_per_gpu_hour)},
  };
  if (r.prefix_queried_tokens > 0) {  // prefix caching on
    figures.push_back({"prefix_cache.hit_rate_tokens", "prefix cache hit rate", r.prefix_hit_rate,
                       fmt::format("{:.1f}% of prompt tokens found cached; {} blocks evicted", 100 * r.prefix_hit_rate,
                                   r.prefix_evicted_blocks)});
  }
  return figures;
}

// The CDF of one latency from its quantiles (milliseconds on x), with the SLO as a marker.
std::string cdf_chart(const std::string& id, const std::string& title, const LatencyStats& l, double slo_seconds) {
  XySeries cdf{.name = "share of requests", .points = {}, .color = "#1f77b4", .line = true, .markers = false};
  const size_t n = l.quantiles.size();
  for (size_t k = 0; k < n; ++k) {
    const double share = n > 1 ? k / double(n - 1) : 1.0;
    cdf.points.push_back({.x = l.quantiles[k] * 1e3, .y = share, .label = fmt::format("p{:.0f}", 100 * share)});
  }
  std::vector<html_detail::Marker> markers = {{.label = "p99", .value = l.p99 * 1e3}};
  // An SLO far beyond the slowest request would squeeze the curve into the left edge: named in the title instead.
  const double slowest = n > 0 ? l.quantiles.back() : l.p99;
  std::string caption = title;
  if (slo_seconds > 0 && slo_seconds <= 2 * slowest) {
    markers.push_back({.label = "SLO " + ms(slo_seconds), .value = slo_seconds * 1e3});
  } else if (slo_seconds > 0) {
    caption += fmt::format(" (SLO {}, beyond the slowest request)", ms(slo_seconds));
  }
  return html_detail::xy_chart(id, caption, "ms", "share of requests", {cdf}, markers);
}

std::string queue_chart(const ServingResult& r) {
  std::vector<std::string> x;
  html_detail::Series running{.name = "running", .values = {}, .color = "#1f77b4"};
  html_detail::Series waiting{.name = "waiting", .values = {}, .color = "#d62728"};
  for (const ServingSample& s : r.samples) {
    x.push_back(fmt::format("{:.0f} s", s.time));
    running.values.push_back(s.running);
    waiting.values.push_back(s.waiting);
  }
  return html_detail::line_chart("queue", "Requests running and waiting over time", "requests", x, {running, waiting});
}

// The fronts side by side (deployment_front_svg.h) and a table of every deployment on them.
std::string front_section(const DeploymentFront& front) {
  std::vector<std::vector<std::string>> rows;
  for (const bool disaggregated : {false, true}) {
    for (const DeploymentFrontPoint& p : front_of_kind(front.points, disaggregated)) {
      const DeploymentCandidate& c = p.option.candidate;
      rows.push_back({c.split(), std::to_string(c.tp), std::to_string(c.pp), std::to_string(c.max_batch_sequences),
                      std::to_string(c.max_batch_tokens), std::to_string(p.option.gpus),
                      fmt::format("{:.1f}", p.output_tokens_per_s_per_user),
                      fmt::format("{:.0f}", p.output_tokens_per_s_per_gpu), ms(p.option.p99_ttft), ms(p.option.p99_tpot),
                      fmt::format("{:.1f}%", 100 * p.option.slo_attainment),
                      fmt::format("{:.3f}", p.option.usd_per_million_output_tokens)});
    }
  }
  const size_t missing = std::count_if(front.points.begin(), front.points.end(), [](const auto& p) { return !p.meets_slo; });
  return fmt::format("<h2>Throughput vs interactivity</h2>\n<p>{} deployments of {} sized for the demand "
                     "({:.2f} req/s), each simulated whole at it: output tokens/s per GPU against tokens/s per user "
                     "(1 / mean TPOT), aggregated and disaggregated side by side; the lines join each kind's Pareto "
                     "front among the {} whose SLO attainment meets the target ({:.1f}%; hollow: misses it).</p>\n",
                     front.points.size(),
                     html_detail::escape(front.points.empty() ? "" : front.points.front().option.candidate.accelerator),
                     front.search.demand_rate, front.points.size() - missing, 100 * front.search.slo_attainment_target) +
         html_detail::deployment_front_svg(front.points, false) +
         html_detail::html_table({"split", "tp", "pp", "max seqs", "max tokens", "GPUs", "tok/s per user",
                                  "tok/s per GPU", "p99 TTFT", "p99 TPOT", "SLO", "$/M out"}, rows);
}

}  // namespace

std::string serving_html_report(const Scenario& s, const ServingResult& r, const std::optional<DeploymentFront>& front,
                                const std::string& why_no_front) {
  const std::string title = fmt::format("Serving {} on {} × {}", s.model.name, r.gpus, s.cluster.accelerator.name);
  std::string h = html_detail::page_open((s.name.empty() ? title : s.name) + " - serving", title);
  h += fmt::format("<p>{} requests simulated over {:.1f} s; scenario {}.</p>\n", r.requests, r.duration,
                   html_detail::escape(s.file));
  h += html_detail::figure_list(headline(r));
  const ServingSlo& slo = s.serving->slo;
  h += cdf_chart("ttft", "Time to first token (CDF)", r.ttft, slo.ttft) +
       cdf_chart("tpot", "Time per output token (CDF)", r.tpot, slo.tpot) +
       cdf_chart("e2e", "End-to-end latency (CDF)", r.e2e, slo.e2e) + queue_chart(r);
  if (front && !front->points.empty()) {
    h += front_section(*front);
  } else {
    h += "<h2>Throughput vs interactivity</h2>\n<p class=\"note\">No deployment front: " +
         html_detail::escape(front ? "no deployment meets the SLOs at the demand" : why_no_front) + ".</p>\n";
  }
  h += "<p class=\"note\">The same simulation as <code>stargate serve --json</code>; the CDFs come from the "
       "simulator's quantile sketches (within 0.5% relative). The front uses the deployment search of "
       "<code>serve --search</code> on the scenario's accelerator, without its cost cut-off. Pages: docs/report.md.</p>\n";
  return h + html_detail::page_close();
}

}  // namespace stargate
