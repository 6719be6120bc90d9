#pragma once
// Internal to report/: the inline SVG charts of the HTML report (html_report.h). Every chart is an
// <svg class="chart" data-chart=ID data-points=N>; a chart without data shows <text class="chart-error">.
#include <string>
#include <vector>

namespace stargate::html_detail {

struct Series {
  std::string name;
  std::vector<double> values;  // one per x label; NaN = missing
  std::string color;
};

// Escapes &, <, >, " for HTML text and attributes.
std::string escape(const std::string& text);
// Lines (or stacked areas) over categorical x labels, y from 0 to the max, with a legend.
std::string line_chart(const std::string& id, const std::string& title, const std::string& y_unit,
                       const std::vector<std::string>& x, const std::vector<Series>& series, bool stacked = false);
// One coloured cell per x label naming a category (the binding limit), with a legend.
std::string band_chart(const std::string& id, const std::string& title, const std::vector<std::string>& x,
                       const std::vector<std::string>& category);
struct TornadoBar {
  std::string label;
  double low = 0, high = 0;  // value of the metric at the low and high setting
};
std::string tornado_chart(const std::string& id, const std::string& title, const std::string& unit, double base,
                          const std::vector<TornadoBar>& bars);

}  // namespace stargate::html_detail
