// Inline SVG charts for the HTML report (no scripts; fixed 720x260 viewBox, scaled by CSS).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "html_charts.h"
#include "html_svg_frame.h"
#include "text_format.h"

namespace stargate::html_detail {
namespace {

constexpr double kW = ChartFrame::width, kH = ChartFrame::height, kLeft = ChartFrame::left, kRight = ChartFrame::right,
                 kTop = ChartFrame::top, kBottom = ChartFrame::bottom;

}  // namespace

std::string open_svg(const std::string& id, const std::string& title, int points) {
  return fmt::format(
      "<figure><figcaption>{}</figcaption><svg class=\"chart\" data-chart=\"{}\" data-points=\"{}\" "
      "viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{}\">\n",
      escape(title), escape(id), points, kW, kH, escape(title));
}

std::string close_svg(int points) {
  std::string s;
  if (points == 0) s += fmt::format("<text class=\"chart-error\" x=\"{}\" y=\"{}\">no data</text>\n", kW / 2, kH / 2);
  return s + "</svg></figure>\n";
}

std::string x_axis(const std::vector<std::string>& x, double step) {
  std::string s = fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", kLeft, kH - kBottom,
                              kW - kRight, kH - kBottom);
  const size_t every = std::max<size_t>(1, x.size() / 8);
  for (size_t i = 0; i < x.size(); i += every) {
    s += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                     kLeft + step * (i + 0.5), kH - kBottom + 16, escape(x[i]));
  }
  return s;
}

std::string y_axis(const AxisTicks& ticks, const std::string& unit) {
  std::string s = fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", kLeft, kTop, kLeft,
                              kH - kBottom);
  const int steps = static_cast<int>(std::lround(ticks.top / ticks.step));
  for (int k = 0; k <= steps; ++k) {
    const double y = kH - kBottom - (kH - kTop - kBottom) * k / static_cast<double>(steps);
    s += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", kLeft - 6, y + 4,
                     axis_label(ticks.step * k, ticks.decimals));
  }
  s += fmt::format("<text class=\"unit\" x=\"{}\" y=\"{}\">{}</text>\n", 4, kTop - 12, escape(unit));
  return s;
}

std::string legend(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i) {
    const double y = kTop + 16.0 * i;
    s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                     "<text class=\"legend\" x=\"{}\" y=\"{}\">{}</text>\n",
                     kW - kRight + 12, y, items[i].second, kW - kRight + 26, y + 9, escape(items[i].first));
  }
  return s;
}

AxisTicks nice_ticks(double max, int max_ticks) {
  if (!(max > 0) || !std::isfinite(max)) return {};
  const double raw_step = max / std::max(1, max_ticks);
  const double power = std::pow(10.0, std::floor(std::log10(raw_step)));
  double step = 10 * power;
  for (const double factor : {1.0, 2.0, 5.0}) {
    if (factor * power >= raw_step * (1 - 1e-12)) {
      step = factor * power;
      break;
    }
  }
  const double top = step * std::ceil(max / step * (1 - 1e-12));
  return {.step = step, .top = top, .decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)))};
}

std::string axis_label(double value, int decimals) {
  const double size = std::fabs(value);
  if (size >= 1e9) return fmt::format("{:g}B", value / 1e9);
  if (size >= 1e6) return fmt::format("{:g}M", value / 1e6);
  return report_detail::thousands(value, decimals);
}

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string line_chart(const std::string& id, const std::string& title, const std::string& y_unit,
                       const std::vector<std::string>& x, const std::vector<Series>& series, bool stacked) {
  int points = 0;
  double max = 0;
  std::vector<double> base(x.size(), 0.0);
  std::vector<std::vector<double>> tops;
  for (const Series& s : series) {
    std::vector<double> top(x.size(), NAN);
    for (size_t i = 0; i < x.size() && i < s.values.size(); ++i) {
      if (!std::isfinite(s.values[i])) continue;
      top[i] = (stacked ? base[i] : 0.0) + s.values[i];
      if (stacked) base[i] = top[i];
      max = std::max(max, top[i]);
      ++points;
    }
    tops.push_back(top);
  }
  const AxisTicks ticks = nice_ticks(max);
  const double step = (kW - kLeft - kRight) / std::max<double>(1, x.size());
  auto px = [&](size_t i) { return kLeft + step * (i + 0.5); };
  auto py = [&](double v) { return kH - kBottom - (kH - kTop - kBottom) * v / ticks.top; };
  std::string s = open_svg(id, title, points) + y_axis(ticks, y_unit) + x_axis(x, step);
  std::vector<std::pair<std::string, std::string>> items;
  std::vector<double> below(x.size(), 0.0);
  for (size_t k = 0; k < series.size(); ++k) {
    std::string d;
    for (size_t i = 0; i < x.size(); ++i) {
      if (!std::isfinite(tops[k][i])) continue;
      d += fmt::format("{}{:.1f},{:.1f} ", d.empty() ? "M" : "L", px(i), py(tops[k][i]));
    }
    if (d.empty()) continue;
    if (stacked) {
      std::string area = d;
      for (size_t i = x.size(); i-- > 0;) area += fmt::format("L{:.1f},{:.1f} ", px(i), py(below[i]));
      s += fmt::format("<path class=\"area\" d=\"{}Z\" fill=\"{}\" fill-opacity=\"0.55\"/>\n", area, series[k].color);
      for (size_t i = 0; i < x.size(); ++i) {
        if (std::isfinite(tops[k][i])) below[i] = tops[k][i];
      }
    }
    s += fmt::format("<path class=\"series\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>{}</title>"
                     "</path>\n", d, series[k].color, escape(series[k].name));
    items.emplace_back(series[k].name, series[k].color);
  }
  return s + legend(items) + close_svg(points);
}

std::string fan_chart(const std::string& id, const std::string& title, const std::string& y_unit,
                      const std::vector<std::string>& x, const std::vector<double>& p10, const std::vector<double>& p50,
                      const std::vector<double>& p90, const std::string& color) {
  const size_t n = std::min({x.size(), p10.size(), p50.size(), p90.size()});
  double max = 0;
  for (size_t i = 0; i < n; ++i) max = std::max(max, p90[i]);
  const AxisTicks ticks = nice_ticks(max);
  const double step = (kW - kLeft - kRight) / std::max<double>(1, x.size());
  auto px = [&](size_t i) { return kLeft + step * (i + 0.5); };
  auto py = [&](double v) { return kH - kBottom - (kH - kTop - kBottom) * v / ticks.top; };
  std::string band, line;
  for (size_t i = 0; i < n; ++i) {
    band += fmt::format("{}{:.1f},{:.1f} ", band.empty() ? "M" : "L", px(i), py(p90[i]));
    line += fmt::format("{}{:.1f},{:.1f} ", line.empty() ? "M" : "L", px(i), py(p50[i]));
  }
  for (size_t i = n; i-- > 0;) band += fmt::format("L{:.1f},{:.1f} ", px(i), py(p10[i]));
  const int points = static_cast<int>(n);
  std::string s = open_svg(id, title, points) + y_axis(ticks, y_unit) + x_axis(x, step);
  if (n > 0) {
    s += fmt::format("<path class=\"band\" d=\"{}Z\" fill=\"{}\" fill-opacity=\"0.25\" stroke=\"none\">"
                     "<title>P10-P90</title></path>\n", band, color);
    s += fmt::format("<path class=\"series\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"><title>P50</title>"
                     "</path>\n", line, color);
  }
  return s + legend({{"P10-P90 band", color + "66"}, {"P50", color}}) + close_svg(points);
}

std::string band_chart(const std::string& id, const std::string& title, const std::vector<std::string>& x,
                       const std::vector<std::string>& category) {
  static const char* kColors[] = {"#d62728", "#1f77b4", "#ff7f0e", "#9467bd", "#7f7f7f", "#2ca02c"};
  std::map<std::string, std::string> colors;
  std::vector<std::pair<std::string, std::string>> items;
  const double step = (kW - kLeft - kRight) / std::max<double>(1, x.size());
  std::string cells;
  int points = 0;
  for (size_t i = 0; i < x.size() && i < category.size(); ++i) {
    if (!colors.count(category[i])) {
      colors[category[i]] = kColors[colors.size() % 6];
      items.emplace_back(category[i], colors[category[i]]);
    }
    cells += fmt::format("<rect class=\"bar\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\">"
                         "<title>{}: {}</title></rect>\n",
                         kLeft + step * i + 1, kTop + 40, step - 2, kH - kTop - kBottom - 80, colors[category[i]],
                         escape(x[i]), escape(category[i]));
    ++points;
  }
  return open_svg(id, title, points) + cells + x_axis(x, step) + legend(items) + close_svg(points);
}

std::string tornado_chart(const std::string& id, const std::string& title, const std::string& unit, double base,
                          const std::vector<TornadoBar>& bars) {
  double lo = base, hi = base;
  for (const TornadoBar& b : bars) lo = std::min({lo, b.low, b.high}), hi = std::max({hi, b.low, b.high});
  if (hi <= lo) hi = lo + 1;
  const double left = 260, right = kW - 40, row = std::min(36.0, (kH - kTop - kBottom) / std::max<size_t>(1, bars.size()));
  auto px = [&](double v) { return left + (right - left) * (v - lo) / (hi - lo); };
  std::string s = open_svg(id, title, static_cast<int>(bars.size()));
  for (size_t i = 0; i < bars.size(); ++i) {
    const double y = kTop + row * i;
    const double a = px(std::min(bars[i].low, bars[i].high)), b = px(std::max(bars[i].low, bars[i].high));
    s += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", left - 8,
                     y + row * 0.6, escape(bars[i].label));
    s += fmt::format("<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#1f77b4\">"
                     "<title>{}: {} .. {}</title></rect>\n",
                     a, y + 4, std::max(1.0, b - a), row - 8, escape(bars[i].label), axis_label(bars[i].low, 0),
                     axis_label(bars[i].high, 0));
  }
  s += fmt::format("<line class=\"axis\" x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\"/>\n", px(base), kTop, px(base),
                   kH - kBottom);
  s += fmt::format("<text class=\"unit\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">base {} {}</text>\n", px(base),
                   kH - kBottom + 16, axis_label(base, 0), escape(unit));
  return s + close_svg(static_cast<int>(bars.size()));
}

}  // namespace stargate::html_detail
