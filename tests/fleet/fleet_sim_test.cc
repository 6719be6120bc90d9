// Fleet build-out: money, power and supply balances; tighter limits never deliver more (issue 7).
#include <gtest/gtest.h>

#include <functional>

#include "stargate/fleet/fleet_scenario.h"
#include "stargate/fleet/fleet_sim.h"

namespace stargate {
namespace {

FleetScenario default_scenario() {
  Result<FleetScenario> s = default_fleet_scenario();
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().to_string());
  return s.value();
}

void expect_balances(const FleetScenario& s, const FleetResult& r) {
  for (const FleetQuarter& q : r.quarters) {
    SCOPED_TRACE(quarter_name(q.quarter));
    EXPECT_LE(q.spent, q.budget_released * (1 + 1e-12));
    EXPECT_LE(q.budget_released, s.budget_total_usd * (1 + 1e-9));
    for (const SiteQuarter& site : q.sites) EXPECT_LE(site.installed_it_watts, site.energized_it_watts * (1 + 1e-12));
    EXPECT_LE(q.installed_it_watts, q.energized_it_watts * (1 + 1e-12));
    if (q.gpus_bought > 0) {
      const Generation& g = s.generations[q.generation];
      EXPECT_LE(q.gpus_bought * g.hbm_stacks_per_gpu, q.hbm_stacks_supply * (1 + 1e-12));
      EXPECT_LE(q.gpus_bought, q.cowos_gpus_supply * (1 + 1e-12));
    }
  }
}

TEST(FleetSim, DefaultScenario_SpendPowerAndSupplyBalance) {
  const FleetScenario s = default_scenario();
  const FleetResult r = simulate_fleet(s);
  ASSERT_EQ(static_cast<int>(r.quarters.size()), s.quarters);
  expect_balances(s, r);
  EXPECT_GT(r.quarters.back().gpus_installed, 0);
}

TEST(FleetSim, InstalledCapacityNeverShrinksWithinTheDepreciationLife) {
  const FleetResult r = simulate_fleet(default_scenario());
  for (size_t i = 1; i < r.quarters.size(); ++i) {
    EXPECT_GE(r.quarters[i].gpus_installed, r.quarters[i - 1].gpus_installed);
    EXPECT_GE(r.quarters[i].peak_flops[0], r.quarters[i - 1].peak_flops[0]);
  }
}

struct Tightening {
  const char* name;
  std::function<void(FleetScenario&)> apply;
};

// One row per limit: halving it never raises installed GPUs or bf16 FLOP/s in any quarter, and balances hold.
TEST(FleetSim, TighterLimitNeverIncreasesDeliveredCapacity) {
  const Tightening rows[] = {
      {"budget", [](FleetScenario& s) { for (auto& t : s.budget_tranches) t.second *= 0.5; }},
      {"power", [](FleetScenario& s) { for (auto& site : s.sites) for (auto& r : site.ramp_watts) r.second *= 0.5; }},
      {"hbm", [](FleetScenario& s) { for (auto& v : s.supply.hbm) v.program_share *= 0.5; }},
      {"cowos", [](FleetScenario& s) { s.supply.cowos_program_share *= 0.5; }},
      {"construction", [](FleetScenario& s) { for (auto& site : s.sites) site.construction_seconds *= 2; }},
  };
  const FleetScenario base = default_scenario();
  const FleetResult loose = simulate_fleet(base);
  for (const Tightening& row : rows) {
    SCOPED_TRACE(row.name);
    FleetScenario tight = base;
    row.apply(tight);
    const FleetResult r = simulate_fleet(tight);
    expect_balances(tight, r);
    for (size_t i = 0; i < r.quarters.size(); ++i) {
      EXPECT_LE(r.quarters[i].gpus_installed, loose.quarters[i].gpus_installed) << quarter_name(r.quarters[i].quarter);
      EXPECT_LE(r.quarters[i].peak_flops[0], loose.quarters[i].peak_flops[0] * (1 + 1e-9));
    }
  }
}

TEST(FleetSim, SamsungQualificationRaisesHbmSupply) {
  FleetScenario s = default_scenario();
  const FleetResult before = simulate_fleet(s);
  for (auto& v : s.supply.hbm) v.qualified_from = s.start;
  const FleetResult after = simulate_fleet(s);
  EXPECT_GT(after.quarters[4].hbm_stacks_supply, before.quarters[4].hbm_stacks_supply);
  EXPECT_GE(after.quarters.back().gpus_installed, before.quarters.back().gpus_installed);
}

TEST(FleetSim, CapitalRecoveryFactor_MatchesTheAnnuityFormula) {
  EXPECT_NEAR(capital_recovery_factor(0.10, 5), 0.263797, 1e-6);  // the fleet uses the cost layer's
  EXPECT_DOUBLE_EQ(capital_recovery_factor(0.0, 4), 0.25);
}

}  // namespace
}  // namespace stargate

namespace stargate {
namespace {

TEST(FleetSim, GpuHourCostParts_SumToTheQuartersUsdPerGpuHour) {
  const FleetResult r = simulate_fleet(default_scenario());
  for (const FleetQuarter& q : r.quarters) {
    SCOPED_TRACE(quarter_name(q.quarter));
    EXPECT_NEAR(q.gpu_hour_cost.total_usd(), q.usd_per_gpu_hour, 1e-9 * (1 + q.usd_per_gpu_hour));
    if (q.gpus_installed > 0) {
      EXPECT_GT(q.gpu_hour_cost.capital_usd, q.gpu_hour_cost.energy_usd);
    }
  }
}

}  // namespace
}  // namespace stargate
