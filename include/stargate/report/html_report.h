#pragma once
// `stargate report`: ONE self-contained HTML file (inline CSS and SVG, no scripts, no external resources) with
// the fleet plan's charts: installed capacity, power, spend, binding limit, cost per token, and the sensitivity
// tornado when --vary was given. Every chart is an <svg class="chart" data-chart=ID data-points=N>; a chart
// without data shows <text class="chart-error"> (scripts/test-report-chromium.sh checks for both).
#include <string>
#include <vector>

#include "stargate/fleet/fleet_output.h"

namespace stargate {

std::string fleet_html_report(const FleetPlan& plan);

namespace html_detail {

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

}  // namespace html_detail
}  // namespace stargate
