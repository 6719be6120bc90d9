// --vary FIELD=LOW..HIGH: parsing, field paths, and the tornado's direction; the default plan's speed.
#include <gtest/gtest.h>

#include <chrono>

#include "stargate/fleet/fleet_plan.h"
#include "stargate/fleet/sensitivity.h"

namespace stargate {
namespace {

TEST(Sensitivity, ParseVary_SplitsFieldLowHigh) {
  Result<VaryRequest> v = parse_vary("sites.*.pue=1.1..1.4");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value().field, "sites.*.pue");
  EXPECT_EQ(v.value().low, "1.1");
  EXPECT_EQ(v.value().high, "1.4");
  EXPECT_FALSE(parse_vary("finance.cost_of_capital=0.1").ok());
  EXPECT_FALSE(parse_vary("=1..2").ok());
}

TEST(Sensitivity, UnknownField_IsAnErrorNamingIt) {
  Result<std::string> r = scenario_with_override(default_fleet_scenario_text(), "finance.nope", "1");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().to_string().find("finance.nope"), std::string::npos);
}

TEST(Sensitivity, Tornado_MovesMetricsTheRightWay) {
  Result<Tornado> t = run_sensitivity(default_fleet_scenario_text(), "stargate.yaml",
                                      {{"finance.cost_of_capital", "0.08", "0.15"},
                                       {"supply.hbm.Samsung.qualified_from", "never", "2025Q3"},
                                       {"training.restart", "2min", "30min"}});
  ASSERT_TRUE(t.ok()) << t.error().to_string();
  for (const TornadoRow& row : t.value().rows) {
    SCOPED_TRACE(row.vary.field);
    if (row.vary.field == "finance.cost_of_capital") {
      EXPECT_LT(row.low.usd_per_million_tokens, row.high.usd_per_million_tokens);
      EXPECT_DOUBLE_EQ(row.low.pflops_bf16, row.high.pflops_bf16);
    } else if (row.vary.field == "training.restart") {
      EXPECT_LT(row.low.training_days, row.high.training_days);
    } else {
      EXPECT_GT(row.high.pflops_bf16, row.low.pflops_bf16);  // qualifying Samsung adds HBM
    }
  }
}

// Issue 7: the default plan must run in ≤ 1 s (it takes a few tens of ms; the bound leaves room for slow CI).
TEST(Sensitivity, DefaultPlan_RunsWellUnderOneSecond) {
  const auto start = std::chrono::steady_clock::now();
  Result<FleetScenario> s = default_fleet_scenario();
  ASSERT_TRUE(s.ok());
  const FleetPlan plan = make_fleet_plan(s.value());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(plan.result.quarters.empty());
  EXPECT_LT(seconds, 1.0);
}

}  // namespace
}  // namespace stargate
