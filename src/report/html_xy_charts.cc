// Bar and x-y charts for the training, search and serving pages (see html_xy_charts.h).
#include "html_xy_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "html_svg_frame.h"

namespace stargate::html_detail {
namespace {

using F = ChartFrame;

// Ticks along the bottom for a numeric x from `x0` (pixels) to `x1` covering 0 .. ticks.top.
std::string x_value_axis(const AxisTicks& ticks, const std::string& unit, double x0, double x1) {
  const double y = F::height - F::bottom;
  std::string s = fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", x0, y, x1, y);
  const int steps = static_cast<int>(std::lround(ticks.top / ticks.step));
  for (int k = 0; k <= steps; ++k) {
    s += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                     x0 + (x1 - x0) * k / static_cast<double>(steps), y + 16, axis_label(ticks.step * k, ticks.decimals));
  }
  return s + fmt::format("<text class=\"unit\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", x1, y + 32,
                         escape(unit));
}

// A dashed vertical line at x with its label above; near the plot's right edge the label ends at the line (clear
// of the legend).
std::string marker_line(const Marker& m, double x, double y0, double y1) {
  const bool near_right = x > F::width - F::right - 60;
  return fmt::format("<line class=\"marker\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#d62728\" "
                     "stroke-dasharray=\"4 3\"/><text class=\"legend\" x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"{4}\">"
                     "{5}</text>\n",
                     x, y0, y1, y0 - 4, near_right ? "end" : "middle", escape(m.label));
}

bool usable(double v) { return std::isfinite(v) && v >= 0; }

}  // namespace

std::string bar_chart(const std::string& id, const std::string& title, const std::string& unit,
                      const std::vector<Bar>& bars, const std::vector<Marker>& markers) {
  std::vector<Bar> shown;
  double max = 0;
  for (const Bar& b : bars) {
    if (!usable(b.value)) continue;
    shown.push_back(b);
    max = std::max(max, b.value);
  }
  for (const Marker& m : markers) max = usable(m.value) ? std::max(max, m.value) : max;
  const AxisTicks ticks = nice_ticks(max);
  const double x0 = 220, x1 = F::width - 60, top = F::top + 6, bottom = F::height - F::bottom;
  const double row = (bottom - top) / std::max<size_t>(1, shown.size());
  auto px = [&](double v) { return x0 + (x1 - x0) * v / ticks.top; };
  const int points = static_cast<int>(shown.size());
  std::string s = open_svg(id, title, points) + x_value_axis(ticks, unit, x0, x1);
  for (size_t i = 0; i < shown.size(); ++i) {
    const double y = top + row * i;
    const std::string value =
        shown[i].text.empty() ? fmt::format("{:.3g} {}", shown[i].value, unit) : shown[i].text;
    s += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", x0 - 6,
                     y + row * 0.5 + 4, escape(shown[i].label));
    s += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">"
                     "<title>{}: {}</title></rect>\n",
                     x0, y + row * 0.15, std::max(1.0, px(shown[i].value) - x0), row * 0.7, shown[i].color,
                     escape(shown[i].label), escape(value));
    s += fmt::format("<text class=\"legend\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", px(shown[i].value) + 4,
                     y + row * 0.5 + 4, escape(value));
  }
  for (const Marker& m : markers) {
    if (usable(m.value)) s += marker_line(m, px(m.value), top + 8, bottom);
  }
  return s + close_svg(points);
}

std::string xy_chart(const std::string& id, const std::string& title, const std::string& x_unit,
                     const std::string& y_unit, const std::vector<XySeries>& series,
                     const std::vector<Marker>& x_markers) {
  double x_max = 0, y_max = 0;
  int points = 0;
  for (const XySeries& s : series) {
    for (const XyPoint& p : s.points) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
      x_max = std::max(x_max, p.x), y_max = std::max(y_max, p.y);
      ++points;
    }
  }
  for (const Marker& m : x_markers) x_max = usable(m.value) ? std::max(x_max, m.value) : x_max;
  const AxisTicks xt = nice_ticks(x_max), yt = nice_ticks(y_max);
  const double x0 = F::left, x1 = F::width - F::right, y0 = F::height - F::bottom;
  auto px = [&](double x) { return x0 + (x1 - x0) * x / xt.top; };
  auto py = [&](double y) { return y0 - (y0 - F::top) * y / yt.top; };
  std::string out = open_svg(id, title, points) + y_axis(yt, y_unit) + x_value_axis(xt, x_unit, x0, x1);
  std::vector<std::pair<std::string, std::string>> items;
  for (const XySeries& s : series) {
    std::string d, dots;
    for (const XyPoint& p : s.points) {
      if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
      d += fmt::format("{}{:.1f},{:.1f} ", d.empty() ? "M" : "L", px(p.x), py(p.y));
      dots += fmt::format("<circle class=\"point\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"{}\"><title>{}</title>"
                          "</circle>\n", px(p.x), py(p.y), s.color, escape(p.label));
    }
    if (d.empty()) continue;
    if (s.line) {
      out += fmt::format("<path class=\"series\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>{}"
                         "</title></path>\n", d, s.color, escape(s.name));
    }
    if (s.markers) out += dots;
    items.emplace_back(s.name, s.color);
  }
  for (const Marker& m : x_markers) {
    if (usable(m.value)) out += marker_line(m, px(m.value), F::top + 8, y0);
  }
  return out + legend(items) + close_svg(points);
}

}  // namespace stargate::html_detail
