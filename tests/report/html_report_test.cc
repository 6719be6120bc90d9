// The fleet HTML report: one self-contained file, every chart has data; rendered in headless Chromium when
// /usr/bin/chromium exists (scripts/test-report-chromium.sh), otherwise skipped with a message.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "report/html_charts.h"
#include "stargate/report/html_report.h"

namespace stargate {
namespace {

FleetPlan default_plan(bool with_tornado) {
  Result<FleetScenario> s = default_fleet_scenario();
  EXPECT_TRUE(s.ok());
  FleetPlan plan = make_fleet_plan(s.value());
  if (with_tornado) {
    Result<Tornado> t = run_sensitivity(default_fleet_scenario_text(), "stargate.yaml",
                                        {{"finance.cost_of_capital", "0.08", "0.15"}, {"sites.*.pue", "1.1", "1.4"}});
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().to_string());
    if (t.ok()) plan.tornado = t.value();
  }
  return plan;
}

TEST(HtmlReport, SelfContained_EveryChartHasData) {
  const std::string html = fleet_html_report(default_plan(true));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("class=\"chart-error\""), std::string::npos);
  EXPECT_EQ(html.find("NaN"), std::string::npos);
  const std::regex chart("<svg class=\"chart\" data-chart=\"([a-z]+)\" data-points=\"([0-9]+)\"");
  int charts = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), chart); it != std::sregex_iterator(); ++it) {
    ++charts;
    EXPECT_GT(std::stoi((*it)[2]), 0) << (*it)[1];
  }
  EXPECT_EQ(charts, 7);  // capacity, pflops, power, spend, binding, cost, tornado
}

TEST(HtmlReport, EmptySeries_ShowsTheErrorMarker) {
  const std::string svg = html_detail::line_chart("x", "empty", "u", {"2025Q1"}, {{"s", {NAN}, "#000"}});
  EXPECT_NE(svg.find("class=\"chart-error\""), std::string::npos);
  EXPECT_NE(svg.find("data-points=\"0\""), std::string::npos);
}

TEST(HtmlReport, AxisTicksAreOneTwoOrFiveTimesAPowerOfTen) {
  struct Case {
    double max, step, top;
    int decimals;
  };
  for (const Case& c : {Case{3287, 1000, 4000, 0}, Case{0.81, 0.2, 1, 1}, Case{1314864, 500000, 1500000, 0},
                        Case{100, 20, 100, 0}, Case{2.66, 1, 3, 0}, Case{0.0729, 0.02, 0.08, 2}, Case{0, 1, 1, 0}}) {
    const html_detail::AxisTicks t = html_detail::nice_ticks(c.max);
    EXPECT_DOUBLE_EQ(t.step, c.step) << c.max;
    EXPECT_NEAR(t.top, c.top, 1e-9 * c.top) << c.max;
    EXPECT_EQ(t.decimals, c.decimals) << c.max;
    EXPECT_GE(t.top, c.max);
  }
}

TEST(HtmlReport, TickLabelsAreRoundAndSeparated) {
  EXPECT_EQ(html_detail::axis_label(250000, 0), "250,000");
  EXPECT_EQ(html_detail::axis_label(1500000, 0), "1.5M");
  EXPECT_EQ(html_detail::axis_label(0.2, 1), "0.2");
  const std::string html = fleet_html_report(default_plan(false));
  const std::regex tick("<text class=\"tick\" x=\"[0-9.]+\" y=\"[0-9.]+\" text-anchor=\"end\">([^<]*)</text>");
  int ticks = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tick); it != std::sregex_iterator(); ++it) {
    ++ticks;
    // Round: k × step with step 1, 2 or 5 × 10^n leaves at most two significant digits ("1,500", "0.15", "2.5M").
    std::string digits = std::regex_replace((*it)[1].str(), std::regex("[,.MB]"), "");
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
    EXPECT_LE(digits.empty() ? 0 : digits.find_last_not_of('0') + 1, 2u) << (*it)[1] << " has more than two significant digits";
  }
  EXPECT_GT(ticks, 20);
}

TEST(HtmlReport, EveryTableColumnIsDefined) {
  const std::string html = fleet_html_report(default_plan(false));
  std::set<std::string> headers, defined;
  const std::regex th("<th>([^<]*)</th>"), dt("<dt>([^<]*)</dt><dd>[^<]+</dd>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), th); it != std::sregex_iterator(); ++it) {
    headers.insert((*it)[1]);
  }
  for (auto it = std::sregex_iterator(html.begin(), html.end(), dt); it != std::sregex_iterator(); ++it) {
    defined.insert((*it)[1]);
  }
  EXPECT_GE(headers.size(), 10u);
  EXPECT_EQ(headers, defined);
}

TEST(HtmlReport, TableNumbersHaveThousandsSeparators) {
  const std::string html = fleet_html_report(default_plan(false));
  std::smatch unseparated;
  EXPECT_FALSE(std::regex_search(html, unseparated, std::regex("<td>[0-9]{4,}[.<]"))) << unseparated.str();
  EXPECT_NE(html.find("<td>1,"), std::string::npos);
}

TEST(HtmlReport, HeadlineCountsTheGenerationsTheChartsAndTableShow) {
  const FleetPlan plan = default_plan(false);
  const std::string html = fleet_html_report(plan);
  std::set<std::string> installed;
  for (const FleetQuarter& q : plan.result.quarters) {
    for (size_t g = 0; g < q.gpus_by_generation.size(); ++g) {
      if (q.gpus_by_generation[g] > 0) installed.insert(plan.scenario.generations[g].name);
    }
  }
  ASSERT_LT(installed.size(), plan.scenario.generations.size());  // the case the headline used to get wrong
  EXPECT_NE(html.find(std::to_string(installed.size()) + " installed"), std::string::npos);
  const size_t capacity = html.find("data-chart=\"capacity\"");
  const std::string capacity_chart = html.substr(capacity, html.find("</svg>", capacity) - capacity);
  int legend_entries = 0;
  for (size_t at = capacity_chart.find("class=\"legend\""); at != std::string::npos;
       at = capacity_chart.find("class=\"legend\"", at + 1)) {
    ++legend_entries;
  }
  EXPECT_EQ(legend_entries, static_cast<int>(installed.size()));
}

TEST(HtmlReport, RendersInHeadlessChromium) {
  if (!std::filesystem::exists("/usr/bin/chromium")) {
    GTEST_SKIP() << "/usr/bin/chromium not found: apt-get install chromium to run the rendering test";
  }
  const auto dir = std::filesystem::temp_directory_path() / "stargate-report-test";
  std::filesystem::create_directories(dir);
  const auto file = dir / "stargate.html";
  std::ofstream(file) << fleet_html_report(default_plan(true));
  const std::string command =
      std::string(STARGATE_SOURCE_DIR) + "/scripts/test-report-chromium.sh " + file.string() + " 2>&1";
  const int status = std::system(command.c_str());
  EXPECT_EQ(status, 0) << command;
}

}  // namespace
}  // namespace stargate
