// The front of `serve --search` as text, CSV and SVG, on a hand-made search result: every deployment sized is a
// CSV row whose on_front is the front's; the text lists each kind's front along it; the SVG draws every point with
// the front's marked and those missing the SLO attainment hollow.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "stargate/report/deployment_front_report.h"
#include "stargate/search/deployment_front.h"

namespace stargate {
namespace {

DeploymentOption sized(int tp, int prefill, int gpus, double mean_tpot, double attainment) {
  DeploymentOption o;
  o.candidate = {.accelerator = "h100-sxm", .tp = tp, .prefill_replicas = prefill, .decode_replicas = prefill};
  o.units = o.gpus = gpus;
  o.usd_per_hour = 2.0 * gpus;
  o.mean_tpot = mean_tpot;
  o.p99_ttft = 0.1;
  o.p99_tpot = 2 * mean_tpot;
  o.slo_attainment = attainment;
  return o;
}

// Aggregated: 1 GPU at 50 tok/s per user, 2 GPUs at 100 (a trade-off: both on the front), 2 GPUs at 40
// (dominated), 4 GPUs at 200 but missing the attainment. Disaggregated: one 2-GPU deployment. One never sized.
DeploymentSearchResult search_result() {
  DeploymentSearchResult r;
  r.demand_output_tokens_per_s = 1000;
  r.slo_attainment_target = 0.9;
  r.outcomes = {sized(1, 0, 1, 0.020, 0.95), sized(2, 0, 2, 0.010, 0.99), sized(1, 0, 2, 0.025, 0.99),
                sized(4, 0, 4, 0.005, 0.85), DeploymentOption{}, sized(1, 1, 2, 0.0125, 1.0)};
  r.outcomes[1].whole_deployment_simulated = true;
  return r;
}

std::vector<std::vector<std::string>> csv_rows(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(csv);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

TEST(DeploymentFrontReport, CsvHasEverySizedDeploymentWithItsFrontFlag) {
  const DeploymentSearchResult r = search_result();
  const auto rows = csv_rows(deployment_front_to_csv(r));
  ASSERT_EQ(rows.size(), 1u + 5u);  // header + the five sized deployments
  const std::vector<std::string>& header = rows[0];
  const auto column = [&](const std::string& name) {
    return static_cast<size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  ASSERT_LT(column("on_front"), header.size());
  ASSERT_LT(column("meets_slo"), header.size());
  const std::vector<DeploymentFrontPoint> points = deployment_front_points(r);
  for (size_t i = 0; i < points.size(); ++i) {
    const std::vector<std::string>& row = rows[i + 1];
    ASSERT_EQ(row.size(), header.size()) << i;
    EXPECT_EQ(row[column("on_front")], points[i].on_front ? "true" : "false") << i;
    EXPECT_EQ(row[column("meets_slo")], points[i].meets_slo ? "true" : "false") << i;
    EXPECT_EQ(std::stod(row[column("output_tokens_per_s_per_gpu")]), points[i].output_tokens_per_s_per_gpu) << i;
    EXPECT_EQ(std::stod(row[column("output_tokens_per_s_per_user")]), points[i].output_tokens_per_s_per_user) << i;
  }
  size_t on_front = 0;
  for (size_t i = 1; i < rows.size(); ++i) on_front += rows[i][column("on_front")] == "true";
  EXPECT_EQ(on_front, 3u);  // two aggregated, one disaggregated
}

TEST(DeploymentFrontReport, TextListsEachKindsFrontAlongIt) {
  const std::string text = deployment_front_to_text(search_result());
  EXPECT_NE(text.find("5 deployments sized, 4 meet the SLO attainment target (90.0%)"), std::string::npos) << text;
  EXPECT_NE(text.find("aggregated: 2 on the front"), std::string::npos) << text;
  EXPECT_NE(text.find("disaggregated: 1 on the front"), std::string::npos) << text;
  // Along the front: 1000 tok/s per GPU at 50 tok/s per user before 500 at 100.
  const size_t first = text.find("  1000       50.0"), second = text.find("   500      100.0");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(second, std::string::npos) << text;
  EXPECT_LT(first, second);
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(DeploymentFrontReport, SvgDrawsEveryPointAndMarksTheFronts) {
  const std::string svg = deployment_front_to_svg(search_result());
  EXPECT_EQ(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 0), 0u);
  EXPECT_EQ(count(svg, "<svg "), 1u);
  EXPECT_EQ(svg.substr(svg.size() - 7), "</svg>\n");
  EXPECT_NE(svg.find("data-points=\"5\""), std::string::npos);
  EXPECT_EQ(count(svg, "class=\"point"), 5u);  // the legend's circles have no class
  EXPECT_EQ(count(svg, "class=\"point front\""), 3u);
  EXPECT_EQ(count(svg, "class=\"point misses-slo\""), 1u);
  EXPECT_EQ(count(svg, "<path class=\"series\""), 2u);  // one front line per kind
  EXPECT_EQ(svg.find("NaN"), std::string::npos);
  EXPECT_EQ(svg.find("class=\"chart-error\""), std::string::npos);
}

TEST(DeploymentFrontReport, NothingSizedIsSaidNotDrawn) {
  DeploymentSearchResult empty;
  empty.outcomes.resize(3);
  EXPECT_EQ(csv_rows(deployment_front_to_csv(empty)).size(), 1u);
  EXPECT_NE(deployment_front_to_text(empty).find("aggregated: none on the front (no deployment of this kind was sized"),
            std::string::npos);
  const std::string svg = deployment_front_to_svg(empty);
  EXPECT_NE(svg.find("data-points=\"0\""), std::string::npos);
  EXPECT_NE(svg.find("class=\"chart-error\""), std::string::npos);
}

}  // namespace
}  // namespace stargate
