// The aggregated and disaggregated fronts side by side (see deployment_front_svg.h).
#include "deployment_front_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "html_charts.h"

namespace stargate::html_detail {
namespace {

// Layout in viewBox units: two panels of panel_width, each with a plot area inside its margins.
struct FrontLayout {
  static constexpr double width = 960, height = 340, panel_width = width / 2;
  static constexpr double left = 70, right = 24, top = 44, bottom = 64;
};
using L = FrontLayout;
constexpr const char* kKindColor[2] = {"#1f77b4", "#ff7f0e"};
constexpr const char* kKindName[2] = {"aggregated", "disaggregated"};

bool drawable(const DeploymentFrontPoint& p) {
  return std::isfinite(p.output_tokens_per_s_per_user) && std::isfinite(p.output_tokens_per_s_per_gpu);
}

// Where a panel's figures land: x from tokens/s per user, y from tokens/s per GPU.
struct PanelScale {
  double x0, x1, y0, y1;  // plot area: x0..x1 left to right, y0 (bottom) .. y1 (top)
  AxisTicks x_ticks, y_ticks;
  double px(double per_user) const { return x0 + (x1 - x0) * per_user / x_ticks.top; }
  double py(double per_gpu) const { return y0 - (y0 - y1) * per_gpu / y_ticks.top; }
};

std::string axes(const PanelScale& s) {
  std::string out = fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n"
                                "<line class=\"axis\" x1=\"{0}\" y1=\"{3}\" x2=\"{0}\" y2=\"{1}\"/>\n",
                                s.x0, s.y0, s.x1, s.y1);
  const int x_steps = static_cast<int>(std::lround(s.x_ticks.top / s.x_ticks.step));
  for (int k = 0; k <= x_steps; ++k) {
    out += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                       s.x0 + (s.x1 - s.x0) * k / x_steps, s.y0 + 16, axis_label(s.x_ticks.step * k, s.x_ticks.decimals));
  }
  const int y_steps = static_cast<int>(std::lround(s.y_ticks.top / s.y_ticks.step));
  for (int k = 0; k <= y_steps; ++k) {
    out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", s.x0 - 6,
                       s.y0 - (s.y0 - s.y1) * k / y_steps + 4, axis_label(s.y_ticks.step * k, s.y_ticks.decimals));
  }
  return out + fmt::format("<text class=\"unit\" x=\"{}\" y=\"{}\" text-anchor=\"end\">output tokens/s per user</text>\n"
                           "<text class=\"unit\" x=\"{}\" y=\"{}\">output tokens/s per GPU</text>\n",
                           s.x1, s.y0 + 32, s.x0 - 60, s.y1 - 10);
}

std::string point_tooltip(const DeploymentFrontPoint& p) {
  const DeploymentOption& o = p.option;
  return fmt::format("{}: {} GPUs, {:.0f} tok/s per GPU, {:.1f} tok/s per user, p99 TTFT {:.0f} ms, p99 TPOT {:.1f} ms, "
                     "SLO {:.1f}%{}, ${:.3f}/M output tokens{}",
                     front_point_name(p), o.gpus, p.output_tokens_per_s_per_gpu, p.output_tokens_per_s_per_user,
                     o.p99_ttft * 1e3, o.p99_tpot * 1e3, 100 * o.slo_attainment, p.meets_slo ? "" : " (misses)",
                     o.usd_per_million_output_tokens, p.on_front ? ", on the front" : "");
}

std::string circle(const PanelScale& s, const DeploymentFrontPoint& p, const char* color) {
  const double x = s.px(p.output_tokens_per_s_per_user), y = s.py(p.output_tokens_per_s_per_gpu);
  const std::string look =
      !p.meets_slo ? "class=\"point misses-slo\" r=\"3.5\" fill=\"none\" stroke=\"#888\""
      : p.on_front ? fmt::format("class=\"point front\" r=\"5\" fill=\"{}\" stroke=\"#222\"", color)
                   : fmt::format("class=\"point\" r=\"3\" fill=\"{}\" fill-opacity=\"0.4\"", color);
  return fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" {}><title>{}</title></circle>\n", x, y, look,
                     escape(point_tooltip(p)));
}

// One kind's panel: its title, axes, points and front line. Returns the points drawn through `drawn`.
std::string panel(const std::vector<DeploymentFrontPoint>& points, int kind, const PanelScale& s, int& drawn) {
  std::vector<const DeploymentFrontPoint*> mine;
  for (const DeploymentFrontPoint& p : points) {
    if (p.option.candidate.disaggregated() == (kind == 1) && drawable(p)) mine.push_back(&p);
  }
  const std::vector<DeploymentFrontPoint> front = front_of_kind(points, kind == 1);
  std::string out = fmt::format("<text class=\"legend\" x=\"{}\" y=\"{}\" font-weight=\"bold\">{}: {} deployments, "
                                "{} on the front</text>\n", s.x0, 18, kKindName[kind], mine.size(), front.size());
  out += axes(s);
  if (mine.empty()) {
    out += fmt::format("<text class=\"legend\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">no {} deployment sized</text>\n",
                       (s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2, kKindName[kind]);
  }
  std::string d;
  for (const DeploymentFrontPoint& p : front) {
    if (!drawable(p)) continue;
    d += fmt::format("{}{:.1f},{:.1f} ", d.empty() ? "M" : "L", s.px(p.output_tokens_per_s_per_user),
                     s.py(p.output_tokens_per_s_per_gpu));
  }
  if (!d.empty()) {
    out += fmt::format("<path class=\"series\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>{} "
                       "front</title></path>\n", d, kKindColor[kind], kKindName[kind]);
  }
  for (const DeploymentFrontPoint* p : mine) out += circle(s, *p, kKindColor[kind]);
  drawn += static_cast<int>(mine.size());
  return out;
}

std::string legend_row() {
  const double y = L::height - 14;
  return fmt::format(
      "<circle cx=\"{0}\" cy=\"{1}\" r=\"5\" fill=\"#1f77b4\" stroke=\"#222\"/><text class=\"legend\" x=\"{2}\" "
      "y=\"{3}\">on the Pareto front (joined)</text>\n"
      "<circle cx=\"{4}\" cy=\"{1}\" r=\"3\" fill=\"#1f77b4\" fill-opacity=\"0.4\"/><text class=\"legend\" x=\"{5}\" "
      "y=\"{3}\">meets the SLOs, dominated</text>\n"
      "<circle cx=\"{6}\" cy=\"{1}\" r=\"3.5\" fill=\"none\" stroke=\"#888\"/><text class=\"legend\" x=\"{7}\" "
      "y=\"{3}\">misses the SLO attainment</text>\n",
      L::left, y, L::left + 10, y + 4, L::left + 230, L::left + 240, L::left + 440, L::left + 450);
}

}  // namespace

std::string front_point_name(const DeploymentFrontPoint& point) {
  const DeploymentCandidate& c = point.option.candidate;
  return fmt::format("{} tp{} pp{} ep{} {}, {} seqs, {} tokens", c.accelerator, c.tp, c.pp, c.ep, c.split(),
                     c.max_batch_sequences, c.max_batch_tokens);
}

std::string deployment_front_svg(const std::vector<DeploymentFrontPoint>& points, bool standalone) {
  double per_user_max = 0, per_gpu_max = 0;
  for (const DeploymentFrontPoint& p : points) {
    if (!drawable(p)) continue;
    per_user_max = std::max(per_user_max, p.output_tokens_per_s_per_user);
    per_gpu_max = std::max(per_gpu_max, p.output_tokens_per_s_per_gpu);
  }
  std::string body;
  int drawn = 0;
  for (int kind = 0; kind < 2; ++kind) {
    const double ox = kind * L::panel_width;
    const PanelScale scale{.x0 = ox + L::left, .x1 = ox + L::panel_width - L::right, .y0 = L::height - L::bottom,
                           .y1 = L::top, .x_ticks = nice_ticks(per_user_max, 4), .y_ticks = nice_ticks(per_gpu_max)};
    body += panel(points, kind, scale, drawn);
  }
  body += legend_row();
  if (drawn == 0) {
    body += fmt::format("<text class=\"chart-error\" x=\"{}\" y=\"{}\">no data</text>\n", L::width / 2, L::height / 2);
  }
  const std::string title = "Output tokens/s per GPU vs tokens/s per user: aggregated and disaggregated fronts";
  const std::string svg_open = fmt::format(
      "<svg class=\"chart\" data-chart=\"pareto\" data-points=\"{}\" viewBox=\"0 0 {} {}\" "
      "xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{}\"",
      drawn, L::width, L::height, escape(title));
  if (!standalone) {
    return "<figure><figcaption>" + escape(title) + "</figcaption>" + svg_open + ">\n" + body + "</svg></figure>\n";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg_open +
         fmt::format(" width=\"{}\" height=\"{}\">\n<title>{}</title>\n", L::width, L::height, escape(title)) +
         "<style>text{font-family:sans-serif}.axis{stroke:#444;stroke-width:1}"
         ".tick,.legend,.unit{font-size:11px;fill:#333}.chart-error{fill:#c00;font-size:16px}</style>\n"
         "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n" + body + "</svg>\n";
}

}  // namespace stargate::html_detail
