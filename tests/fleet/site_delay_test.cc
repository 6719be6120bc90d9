// Optional site delays (construction_delay, interconnection_delay): ramp steps energize the later delay after plan.
#include <gtest/gtest.h>

#include <ostream>

#include <fmt/format.h>

#include "parameter_name.h"
#include "stargate/fleet/fleet_sim.h"

namespace stargate {
namespace {

constexpr double kYear = 365 * 86400.0;

Quarter first_quarter_with_gpus(const FleetScenario& s) {
  for (const FleetQuarter& q : simulate_fleet(s).quarters) {
    if (q.gpus_installed > 0) return q.quarter;
  }
  return -1;
}

struct DelayCase {
  double construction_years, interconnection_years;
  int quarters_later;
};
void PrintTo(const DelayCase& c, std::ostream* os) {
  *os << "construction " << c.construction_years << " y, interconnection " << c.interconnection_years << " y";
}

class SiteDelay : public testing::TestWithParam<DelayCase> {};

TEST_P(SiteDelay, TheLaterDelayShiftsTheFirstSiteToTheNearestQuarter) {
  FleetScenario s = default_fleet_scenario().value();
  const Quarter on_time = first_quarter_with_gpus(s);
  ASSERT_EQ(quarter_name(on_time), "2025Q2");  // Abilene's first ramp step
  s.sites[0].construction_delay_seconds = GetParam().construction_years * kYear;
  s.sites[0].interconnection_delay_seconds = GetParam().interconnection_years * kYear;
  EXPECT_EQ(first_quarter_with_gpus(s), on_time + GetParam().quarters_later);
}

INSTANTIATE_TEST_SUITE_P(Fleet, SiteDelay,
                         testing::Values(DelayCase{0, 0, 0}, DelayCase{0.1, 0, 0}, DelayCase{0.2, 0, 1},
                                         DelayCase{0.5, 0, 2}, DelayCase{0.25, 0.5, 2}, DelayCase{0, 0.75, 3}),
                         [](const testing::TestParamInfo<DelayCase>& info) {
                           return test_names::parameter_name(fmt::format("construction_{}y_interconnection_{}y",
                                                                         info.param.construction_years,
                                                                         info.param.interconnection_years));
                         });

TEST(SiteDelay, NegativeDelayIsAnError) {
  std::string text(default_fleet_scenario_text());
  const std::string anchor = "      construction_lead_time: 1y\n";
  text.insert(text.find(anchor) + anchor.size(), "      interconnection_delay: -1y\n");
  Result<FleetScenario> r = parse_fleet_scenario(text, "delay.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().to_string().find("interconnection_delay"), std::string::npos) << r.error().to_string();
}

}  // namespace
}  // namespace stargate
