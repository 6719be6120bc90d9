// Milestone files are read strictly (file:line:field) and the hindcast's errors follow by hand from a small plan.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "stargate/fleet/milestones.h"

namespace stargate {
namespace {

constexpr const char* kOne = R"(milestones:
  - id: site-a-100MW
    date: 2025-08-15
    metric: facility_power
    site: a
    value: 100MW
    status: achieved
    source: https://example.org/a
    source_date: 2025-08-16
)";

std::string with(const std::string& from, const std::string& to) {
  std::string text = kOne;
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(Milestones, Reader_ReadsQuarterUnitsAndStatus) {
  Result<std::vector<Milestone>> r = parse_milestones(kOne, "m.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const Milestone& m = r.value().at(0);
  EXPECT_EQ(m.quarter, make_quarter(2025, 3));
  EXPECT_DOUBLE_EQ(m.value, 100e6);
  EXPECT_FALSE(m.planned);
  EXPECT_EQ(m.site, "a");
}

struct BadMilestone {
  const char* name;
  const char* from;
  const char* to;
  const char* expect;  // substring of the error: the field, and its line
};

TEST(Milestones, Reader_ErrorsNameFileLineAndField) {
  const BadMilestone cases[] = {
      {"month 13", "date: 2025-08-15", "date: 2025-13-01", "m.yaml:3"},
      {"day 31 in June", "date: 2025-08-15", "date: 2025-06-31", "date"},
      {"not a date", "date: 2025-08-15", "date: yesterday", "date"},
      {"unknown metric", "metric: facility_power", "metric: vibes", "metric"},
      {"power without unit", "value: 100MW", "value: 100", "m.yaml:6"},
      {"zero value", "value: 100MW", "value: 0MW", "value"},
      {"negative value", "value: 100MW", "value: -5MW", "value"},
      {"huge value", "value: 100MW", "value: 1e300GW", "value"},
      {"unknown status", "status: achieved", "status: rumoured", "status"},
      {"unknown key", "    source: https", "    sauce: x\n    source: https", "sauce"},
      {"missing source", "    source: https://example.org/a\n", "", "source"},
      {"site on a fleet metric", "metric: facility_power", "metric: capex_spent", "site"},
      {"generation without its metric", "    site: a\n", "    generation: GB200\n", "generation"},
      {"bad id", "id: site-a-100MW", "id: 'a b,c'", "id"},
  };
  for (const BadMilestone& c : cases) {
    SCOPED_TRACE(c.name);
    Result<std::vector<Milestone>> r = parse_milestones(with(c.from, c.to), "m.yaml");
    ASSERT_FALSE(r.ok());
    const std::string message = r.error().to_string();
    EXPECT_NE(message.find(c.expect), std::string::npos) << message;
    EXPECT_NE(message.find("m.yaml:"), std::string::npos) << message;
  }
}

TEST(Milestones, Reader_RejectsDuplicateIdsAndEmptyLists) {
  const std::string twice = std::string(kOne) + std::string(kOne).substr(std::string("milestones:\n").size());
  EXPECT_FALSE(parse_milestones(twice, "m.yaml").ok());
  EXPECT_FALSE(parse_milestones("milestones: []\n", "m.yaml").ok());
  EXPECT_FALSE(parse_milestones("milestones: 3\n", "m.yaml").ok());
  EXPECT_FALSE(parse_milestones("other: 1\n", "m.yaml").ok());
}

TEST(Milestones, ShippedFile_HasAtLeast15CitedMilestones) {
  Result<std::vector<Milestone>> r = load_milestones_file(std::string(STARGATE_SOURCE_DIR) + "/data/fleet/milestones-2025.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_GE(r.value().size(), 15u);
  for (const Milestone& m : r.value()) EXPECT_EQ(m.source.rfind("https://", 0), 0u) << m.id;
}

// A plan of two quarters, 2025Q3 and 2025Q4, one site "a" with PUE 1.25: energized IT 80 MW then 160 MW,
// 1,000 then 3,000 GPUs; budget released $10B then $20B. Built by hand: no simulation involved.
FleetPlan two_quarter_plan() {
  FleetPlan p;
  p.scenario.name = "hand";
  p.scenario.sites.push_back(Site{.name = "a", .pue = 1.25});
  const double it_mw[] = {80e6, 160e6};
  const double gpus[] = {1000, 3000};
  const double released[] = {10e9, 20e9};
  for (int i = 0; i < 2; ++i) {
    FleetQuarter q{.quarter = make_quarter(2025, 3 + i), .budget_released = released[i], .energized_it_watts = it_mw[i],
                   .gpus_installed = gpus[i]};
    q.sites.push_back({.energized_it_watts = it_mw[i], .gpus = gpus[i]});
    p.result.quarters.push_back(q);
  }
  return p;
}

Milestone milestone(const std::string& id, Quarter q, MilestoneMetric metric, double value, const std::string& site) {
  return {.id = id, .date = "2025-08-15", .quarter = q, .metric = metric, .site = site, .value = value};
}

TEST(Hindcast, QuantityAndTimeErrors_FollowByHand) {
  const Quarter q3 = make_quarter(2025, 3), q4 = make_quarter(2025, 4);
  const std::vector<Milestone> ms = {
      // facility at 2025Q3 = 80 MW x 1.25 = 100 MW: exact, on time.
      milestone("exact", q3, MilestoneMetric::facility_power, 100e6, "a"),
      // 200 MW facility recorded at 2025Q3: twin 100 MW (-50%), reaches 200 MW in 2025Q4 (+1 quarter late).
      milestone("late", q3, MilestoneMetric::facility_power, 200e6, "a"),
      // 2,000 GPUs recorded at 2025Q4: twin 3,000 (+50%); first reached 2025Q4 (0).
      milestone("above", q4, MilestoneMetric::gpus_installed, 2000, ""),
      // 1,000 GPUs recorded at 2025Q4: twin reached it in 2025Q3, one quarter early.
      milestone("early", q4, MilestoneMetric::gpus_installed, 1000, "a"),
      // $50B committed at 2025Q4: twin $20B (-60%), never reached.
      milestone("never", q4, MilestoneMetric::budget_committed, 50e9, ""),
      milestone("no-site", q3, MilestoneMetric::facility_power, 1e6, "b"),
      milestone("after", make_quarter(2026, 1), MilestoneMetric::gpus_installed, 1, ""),
  };
  const Hindcast h = run_hindcast(two_quarter_plan(), ms);
  ASSERT_EQ(h.rows.size(), 7u);
  EXPECT_NEAR(h.rows[0].quantity_error, 0.0, 1e-12);
  EXPECT_EQ(h.rows[0].quarters_late, 0);
  EXPECT_NEAR(h.rows[1].quantity_error, -0.5, 1e-12);
  EXPECT_EQ(h.rows[1].quarters_late, 1);
  EXPECT_NEAR(h.rows[2].quantity_error, 0.5, 1e-12);
  EXPECT_EQ(h.rows[2].quarters_late, 0);
  EXPECT_EQ(h.rows[3].quarters_late, -1);
  EXPECT_NEAR(h.rows[4].quantity_error, -0.6, 1e-12);
  EXPECT_FALSE(h.rows[4].reached);
  EXPECT_FALSE(h.rows[5].compared);
  EXPECT_NE(h.rows[5].why_not.find("no site 'b'"), std::string::npos);
  EXPECT_FALSE(h.rows[6].compared);
  EXPECT_NE(h.rows[6].why_not.find("after the horizon"), std::string::npos);
  // |errors| 0, 0.5, 0.5, 2 (1000 vs 3000: +200%), 0.6 -> median 0.5; |quarters| 0, 1, 0, 1 -> median 0.5.
  EXPECT_EQ(h.compared, 5);
  EXPECT_EQ(h.reached, 4);
  EXPECT_NEAR(h.median_abs_quantity_error, 0.5, 1e-12);
  EXPECT_NEAR(h.median_abs_quarters, 0.5, 1e-12);
}

TEST(Hindcast, BeforeTheHorizon_TwinIsZero) {
  const Hindcast h = run_hindcast(two_quarter_plan(),
                                  {milestone("early-date", make_quarter(2025, 1), MilestoneMetric::it_power, 80e6, "")});
  ASSERT_TRUE(h.rows[0].compared);
  EXPECT_DOUBLE_EQ(h.rows[0].twin_value, 0);
  EXPECT_NEAR(h.rows[0].quantity_error, -1.0, 1e-12);
  EXPECT_EQ(h.rows[0].quarters_late, 2);  // reached in 2025Q3, two quarters after 2025Q1
}

}  // namespace
}  // namespace stargate
