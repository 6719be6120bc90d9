#pragma once
// Internal to report/: the frame every inline SVG chart shares (html_svg.cc draws it; html_charts.h and
// html_xy_charts.h build on it): a fixed viewBox scaled by CSS, a plot area inside margins, the <figure><svg
// class="chart" data-chart=ID data-points=N> wrapper, the axes and the legend. Coordinates are viewBox units.
#include <string>
#include <utility>
#include <vector>

#include "html_charts.h"

namespace stargate::html_detail {

struct ChartFrame {
  static constexpr double width = 720, height = 260;
  static constexpr double left = 70, right = 150, top = 30, bottom = 40;  // margins around the plot area
};

// The caption, then the opening <svg> tag with data-chart=id and data-points=points.
std::string open_svg(const std::string& id, const std::string& title, int points);
// Closes the chart; with no points, first draws the <text class="chart-error"> marker.
std::string close_svg(int points);
// Categorical x axis: label i centred at left + step·(i + 0.5) (at most about 8 labels drawn).
std::string x_axis(const std::vector<std::string>& x, double step);
// Vertical axis on the left with ticks 0 .. ticks.top and the unit above it.
std::string y_axis(const AxisTicks& ticks, const std::string& unit);
// One coloured square and name per (name, colour), in the right margin.
std::string legend(const std::vector<std::pair<std::string, std::string>>& items);

}  // namespace stargate::html_detail
