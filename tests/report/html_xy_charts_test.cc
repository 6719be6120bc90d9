// The bar and x-y charts of the training, search and serving pages: points counted, unusable values left out, an
// empty chart shows the error marker, markers drawn as dashed lines.
#include <gtest/gtest.h>

#include <cmath>

#include "report/html_xy_charts.h"

namespace stargate::html_detail {
namespace {

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(HtmlXyCharts, BarsSkipNegativeAndNonFiniteValues) {
  const std::string svg = bar_chart("b", "bars", "s",
                                    {{.label = "a", .value = 1}, {.label = "nan", .value = NAN},
                                     {.label = "neg", .value = -1}, {.label = "c", .value = 2.5}},
                                    {{.label = "limit", .value = 3}});
  EXPECT_NE(svg.find("data-points=\"2\""), std::string::npos);
  EXPECT_EQ(count(svg, "<rect class=\"bar\""), 2);
  EXPECT_EQ(count(svg, "class=\"marker\""), 1);
  EXPECT_NE(svg.find("2.5 s"), std::string::npos);  // the value at the bar's end, with the unit
  EXPECT_EQ(svg.find("chart-error"), std::string::npos);
}

TEST(HtmlXyCharts, EmptyChartsShowTheErrorMarker) {
  for (const std::string& svg : {bar_chart("b", "none", "s", {}), xy_chart("x", "none", "u", "v", {})}) {
    EXPECT_NE(svg.find("data-points=\"0\""), std::string::npos);
    EXPECT_NE(svg.find("class=\"chart-error\""), std::string::npos);
  }
}

TEST(HtmlXyCharts, SeriesDrawLinesPointsOrBoth) {
  struct Case {
    bool line, markers;
    int paths, circles;
  };
  for (const Case& c : {Case{true, false, 1, 0}, Case{false, true, 0, 3}, Case{true, true, 1, 3}}) {
    const XySeries s{.name = "s",
                     .points = {{.x = 1, .y = 2, .label = "a"}, {.x = 2, .y = NAN, .label = "skipped"},
                                {.x = 3, .y = 1, .label = "b"}, {.x = 4, .y = 5, .label = "c"}},
                     .color = "#000",
                     .line = c.line,
                     .markers = c.markers};
    const std::string svg = xy_chart("x", "xy", "u", "v", {s});
    EXPECT_NE(svg.find("data-points=\"3\""), std::string::npos);
    EXPECT_EQ(count(svg, "<path class=\"series\""), c.paths);
    EXPECT_EQ(count(svg, "<circle class=\"point\""), c.circles);
    EXPECT_EQ(svg.find("skipped"), std::string::npos);
  }
}

}  // namespace
}  // namespace stargate::html_detail
