// The fleet HTML report: one self-contained file, every chart has data; rendered in headless Chromium when
// /usr/bin/chromium exists (scripts/test-report-chromium.sh), otherwise skipped with a message.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

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
