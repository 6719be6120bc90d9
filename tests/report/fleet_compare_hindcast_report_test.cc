// The --compare, --hindcast and tenants renderings: every row present, JSON parseable, CSV one line per row.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "stargate/report/fleet_compare_report.h"
#include "stargate/report/fleet_report.h"
#include "stargate/report/hindcast_report.h"

namespace stargate {
namespace {

size_t lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

Hindcast hand_hindcast() {
  Hindcast h{.scenario = "hand", .first = make_quarter(2025, 1), .last = make_quarter(2025, 4)};
  const Milestone m{.id = "a", .date = "2025-05-01", .quarter = make_quarter(2025, 2),
                    .metric = MilestoneMetric::facility_power, .site = "x,y", .value = 200e6, .source = "https://e.org"};
  h.rows.push_back({.milestone = m, .compared = true, .twin_value = 100e6, .quantity_error = -0.5, .reached = true,
                    .quarters_late = 1});
  h.rows.push_back({.milestone = m, .compared = true, .twin_value = 50e6, .quantity_error = -0.75});
  h.rows.push_back({.milestone = m, .why_not = "no site 'x,y' in the scenario"});
  h.compared = 2;
  h.reached = 1;
  h.median_abs_quantity_error = 0.625;
  h.median_abs_quarters = 1;
  return h;
}

TEST(HindcastReport, Text_ShowsErrorsTimeAndSummary) {
  const std::string text = hindcast_to_text(hand_hindcast());
  EXPECT_NE(text.find("200 MW"), std::string::npos) << text;
  EXPECT_NE(text.find("-50.0%"), std::string::npos) << text;
  EXPECT_NE(text.find("1 q late"), std::string::npos) << text;
  EXPECT_NE(text.find("not by 2025Q4"), std::string::npos) << text;
  EXPECT_NE(text.find("not compared: no site"), std::string::npos) << text;
  EXPECT_NE(text.find("median |quantity error| 62%"), std::string::npos) << text;
}

TEST(HindcastReport, JsonAndCsv_OneEntryPerMilestone_CsvQuotesCommas) {
  const nlohmann::json j = nlohmann::json::parse(hindcast_to_json(hand_hindcast()));
  EXPECT_EQ(j.at("milestones").size(), 3u);
  EXPECT_TRUE(j.at("milestones")[1].at("time_error_quarters").is_null());
  const std::string csv = hindcast_to_csv(hand_hindcast());
  EXPECT_EQ(lines(csv), 4u);
  EXPECT_NE(csv.find("\"x,y\""), std::string::npos) << csv;
}

TEST(FleetCompareReport, InputsAndQuarters_Rendered) {
  FleetComparison c{.name_a = "A", .name_b = "B", .budget_a_usd = 1e9, .budget_b_usd = 2e9};
  c.sites.push_back({.name = "new", .a = std::nullopt, .b = SiteSummary{.ramp_it_watts = 5e6}});
  const QuarterOutputs one{.gpus_installed = 100}, two{.gpus_installed = 250};
  c.quarters.push_back({.quarter = make_quarter(2025, 1), .a = one, .b = two});
  c.quarters.push_back({.quarter = make_quarter(2025, 2), .a = std::nullopt, .b = two});
  const std::string text = fleet_comparison_to_text(c);
  EXPECT_NE(text.find("site new added"), std::string::npos) << text;
  EXPECT_NE(text.find("generations: unchanged"), std::string::npos) << text;
  EXPECT_NE(text.find("+150"), std::string::npos) << text;
  const nlohmann::json j = nlohmann::json::parse(fleet_comparison_to_json(c));
  EXPECT_TRUE(j.at("quarters")[1].at("a").is_null());
  EXPECT_DOUBLE_EQ(j.at("quarters")[0].at("b").at("gpus_installed").get<double>(), 250);
  const std::string csv = fleet_comparison_to_csv(c);
  EXPECT_EQ(lines(csv), 3u);
  EXPECT_NE(csv.find(",100,250,150,"), std::string::npos) << csv;
}

TEST(FleetReport, Tenants_SectionOnlyWithTenants) {
  std::ifstream in(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/fleet-samsung-qualified.yaml");
  std::stringstream text;
  text << in.rdbuf();
  const std::string tenants =
      "\n  tenants:\n    - {name: frontier, kind: training, priority: 1, demand: [{from: 2025Q1, gpus: 10M}]}\n";
  Result<FleetScenario> with = parse_fleet_scenario(text.str() + tenants, "t.yaml");
  ASSERT_TRUE(with.ok()) << with.error().to_string();
  const FleetPlan plan = make_fleet_plan(with.value());
  const std::string out = fleet_to_text(plan);
  EXPECT_NE(out.find("Tenants: allocated / demand"), std::string::npos);
  EXPECT_NE(out.find("frontier (training, priority 1, share 0%): short in 16 of 16 quarters, first 2025Q1"),
            std::string::npos) << out;
  EXPECT_TRUE(nlohmann::json::parse(fleet_to_json(plan)).contains("tenants"));
  Result<FleetScenario> without = parse_fleet_scenario(text.str(), "t.yaml");
  ASSERT_TRUE(without.ok());
  EXPECT_EQ(fleet_to_text(make_fleet_plan(without.value())).find("Tenants"), std::string::npos);
}

}  // namespace
}  // namespace stargate
