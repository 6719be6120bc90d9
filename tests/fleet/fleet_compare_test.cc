// --compare lists exactly the sites and generations whose inputs differ and aligns both horizons by quarter.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "stargate/fleet/fleet_compare.h"

namespace stargate {
namespace {

FleetPlan plan_with(std::vector<Site> sites, Quarter start, int quarters) {
  FleetPlan p;
  p.scenario.sites = std::move(sites);
  for (int i = 0; i < quarters; ++i) {
    p.result.quarters.push_back({.quarter = start + i, .gpus_installed = 100.0 * (i + 1)});
    p.delivery.quarters.push_back({.quarter = start + i});
  }
  return p;
}

Site site(const std::string& name, double watts, Quarter q) {
  return {.name = name, .ramp_watts = {{q, watts}}, .pue = 1.2};
}

TEST(FleetCompare, Sites_AddedRemovedChangedAndUnchanged) {
  const Quarter q = make_quarter(2025, 1);
  const FleetPlan a = plan_with({site("same", 1e6, q), site("grows", 1e6, q), site("gone", 1e6, q)}, q, 2);
  const FleetPlan b = plan_with({site("same", 1e6, q), site("grows", 2e6, q), site("new", 5e6, q + 1)}, q + 1, 2);
  const FleetComparison c = compare_fleet_plans(a, b);
  ASSERT_EQ(c.sites.size(), 3u);  // "same" is left out
  EXPECT_EQ(c.sites[0].name, "grows");
  EXPECT_DOUBLE_EQ(c.sites[0].b->ramp_it_watts, 2e6);
  EXPECT_EQ(c.sites[1].name, "gone");
  EXPECT_FALSE(c.sites[1].b.has_value());
  EXPECT_EQ(c.sites[2].name, "new");
  EXPECT_FALSE(c.sites[2].a.has_value());
  EXPECT_EQ(c.sites[2].b->first_step, q + 1);
  EXPECT_DOUBLE_EQ(c.sites_it_watts_a, 3e6);
  EXPECT_DOUBLE_EQ(c.sites_it_watts_b, 8e6);
  // Horizons 2025Q1-Q2 and 2025Q2-Q3: three quarters, each plan present where it runs.
  ASSERT_EQ(c.quarters.size(), 3u);
  EXPECT_TRUE(c.quarters[0].a && !c.quarters[0].b);
  EXPECT_TRUE(c.quarters[1].a && c.quarters[1].b);
  EXPECT_DOUBLE_EQ(c.quarters[1].a->gpus_installed, 200);
  EXPECT_DOUBLE_EQ(c.quarters[1].b->gpus_installed, 100);
  EXPECT_TRUE(!c.quarters[2].a && c.quarters[2].b);
}

TEST(FleetCompare, SameScenario_NoInputChanges) {
  const Quarter q = make_quarter(2025, 1);
  const FleetPlan a = plan_with({site("x", 1e6, q)}, q, 3);
  const FleetComparison c = compare_fleet_plans(a, a);
  EXPECT_TRUE(c.sites.empty());
  EXPECT_TRUE(c.generations.empty());
  EXPECT_EQ(c.quarters.size(), 3u);
}

TEST(FleetCompare, Shipped_September2025AgainstBuiltin) {
  Result<FleetScenario> jan = default_fleet_scenario();
  Result<FleetScenario> sep = load_fleet_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/stargate-2025-09.yaml");
  ASSERT_TRUE(jan.ok() && sep.ok());
  // "nearly 7 gigawatts": the September sites' ramps add up to 7.0 GW of facility power at PUE 1.2.
  double facility_watts = 0;
  for (const Site& s : sep.value().sites) {
    for (const auto& step : s.ramp_watts) facility_watts += step.second * s.pue;
  }
  EXPECT_NEAR(facility_watts, 7.0e9, 0.01e9);
  const FleetComparison c = compare_fleet_plans(make_fleet_plan(jan.value()), make_fleet_plan(sep.value()));
  bool shackelford_added = false;
  for (const auto& s : c.sites) shackelford_added |= s.name == "shackelford" && !s.a && s.b;
  EXPECT_TRUE(shackelford_added);
  EXPECT_TRUE(c.generations.empty());
}

}  // namespace
}  // namespace stargate
