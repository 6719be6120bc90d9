#pragma once
// Internal to report/: the charts of the training, search and serving pages, in the frame of html_svg_frame.h
// (same <svg class="chart" data-chart data-points> wrapper and "chart-error" marker as the fleet charts).
#include <string>
#include <vector>

namespace stargate::html_detail {

// One horizontal bar: `value` in the chart's unit.
struct Bar {
  std::string label;
  double value = 0;
  std::string color = "#1f77b4";
  std::string text;  // the value as printed at the bar's end; empty: three significant digits and the unit
};
// A vertical reference line across a chart (a capacity, an SLO, the step time).
struct Marker {
  std::string label;
  double value = 0;  // in the chart's x unit
};
// Horizontal bars from 0, one row per bar with its label on the left and its value at its end; `markers` are
// drawn as dashed lines. Non-finite or negative values are left out (not counted as points).
std::string bar_chart(const std::string& id, const std::string& title, const std::string& unit,
                      const std::vector<Bar>& bars, const std::vector<Marker>& markers = {});

struct XyPoint {
  double x = 0, y = 0;
  std::string label;  // tooltip (<title>) of the point's marker
};
struct XySeries {
  std::string name;
  std::vector<XyPoint> points;  // drawn in this order
  std::string color;
  bool line = true;      // join the points with a <path class="series">
  bool markers = false;  // a <circle class="point"> per point
};
// Numeric x and y axes from 0 to round tops, a legend; points with a non-finite coordinate are left out.
std::string xy_chart(const std::string& id, const std::string& title, const std::string& x_unit,
                     const std::string& y_unit, const std::vector<XySeries>& series,
                     const std::vector<Marker>& x_markers = {});

}  // namespace stargate::html_detail
