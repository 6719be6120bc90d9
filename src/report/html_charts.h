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

// Round y-axis ticks from 0: the step is 1, 2 or 5 × a power of ten, chosen so that at most `max_ticks` steps
// cover `max` (e.g. max 3287 → step 1000, top 4000; max 0.81 → step 0.2, top 1). A non-positive max gives 0..1.
struct AxisTicks {
  double step = 1;
  double top = 1;        // the last tick, ≥ max
  int decimals = 0;      // digits after the point that the step needs
};
AxisTicks nice_ticks(double max, int max_ticks = 5);
// A tick label: thousands separators below a million ("250,000", "0.25"), then "1.5M", "2B".
std::string axis_label(double value, int decimals);

// Escapes &, <, >, " for HTML text and attributes.
std::string escape(const std::string& text);
// Lines (or stacked areas) over categorical x labels, y from 0 to the max, with a legend.
std::string line_chart(const std::string& id, const std::string& title, const std::string& y_unit,
                       const std::vector<std::string>& x, const std::vector<Series>& series, bool stacked = false);
// One coloured cell per x label naming a category (the binding limit), with a legend.
std::string band_chart(const std::string& id, const std::string& title, const std::vector<std::string>& x,
                       const std::vector<std::string>& category);
// A fan chart: the P10-P90 band shaded (<path class="band">) and the P50 line (<path class="series">).
std::string fan_chart(const std::string& id, const std::string& title, const std::string& y_unit,
                      const std::vector<std::string>& x, const std::vector<double>& p10, const std::vector<double>& p50,
                      const std::vector<double>& p90, const std::string& color);
struct TornadoBar {
  std::string label;
  double low = 0, high = 0;  // value of the metric at the low and high setting
};
std::string tornado_chart(const std::string& id, const std::string& title, const std::string& unit, double base,
                          const std::vector<TornadoBar>& bars);

}  // namespace stargate::html_detail
