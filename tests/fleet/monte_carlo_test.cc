// Monte Carlo over uncertain fleet scenarios (fleet/monte_carlo.h): identical draws whatever the thread count or
// the split of the draws, percentiles and drivers that mean what they say.
#include "stargate/fleet/monte_carlo.h"

#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include "core/yaml_map.h"
#include "stargate/fleet/fleet_sim.h"

namespace stargate {
namespace {

UncertainFleetScenario uncertain_default() {
  const std::string path = std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/stargate-uncertain.yaml";
  return parse_uncertain_fleet_scenario(read_text_file(path), path).value();
}

std::vector<double> draws_with_threads(const UncertainFleetScenario& u, int threads, int64_t n) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  return run_draws(u, 11, 0, n);
}

TEST(MonteCarlo, DrawsAreIdenticalForAnyThreadCount) {
  const UncertainFleetScenario u = uncertain_default();
  const std::vector<double> one = draws_with_threads(u, 1, 300);
  EXPECT_EQ(one, draws_with_threads(u, 2, 300));
  EXPECT_EQ(one, draws_with_threads(u, 4, 300));
  EXPECT_EQ(one.size(), 300 * draw_record_size(u));
}

TEST(MonteCarlo, SplitRangesConcatenateToTheWholeRun) {
  // What MPI ranks do: contiguous shares, gathered in rank order.
  const UncertainFleetScenario u = uncertain_default();
  const std::vector<double> whole = run_draws(u, 5, 0, 100);
  std::vector<double> split = run_draws(u, 5, 0, 33);
  const std::vector<double> rest = run_draws(u, 5, 33, 100);
  split.insert(split.end(), rest.begin(), rest.end());
  EXPECT_EQ(whole, split);
  EXPECT_NE(whole, run_draws(u, 6, 0, 100));  // another seed, other draws
}

TEST(MonteCarlo, APointScenarioGivesThePlanInEveryPercentile) {
  const FleetScenario point = default_fleet_scenario().value();
  const UncertainFleetScenario u{.point = point, .inputs = {}};
  const MonteCarloSummary s = run_monte_carlo(u, 1, 8);
  const FleetResult result = simulate_fleet(point);
  const FleetDelivery delivery = fleet_delivery(point, result);
  ASSERT_EQ(s.quarters.size(), result.quarters.size());
  for (size_t q = 0; q < s.quarters.size(); ++q) {
    const Percentiles& gpus = s.by_quarter[static_cast<int>(McMetric::gpus)][q];
    EXPECT_EQ(gpus.p10, result.quarters[q].gpus_installed);
    EXPECT_EQ(gpus.p90, result.quarters[q].gpus_installed);
    EXPECT_EQ(s.by_quarter[static_cast<int>(McMetric::spent_usd)][q].p50, result.quarters[q].spent);
    EXPECT_EQ(s.by_quarter[static_cast<int>(McMetric::it_gw)][q].p50, result.quarters[q].installed_it_watts / 1e9);
    EXPECT_DOUBLE_EQ(s.by_quarter[static_cast<int>(McMetric::usd_per_million_tokens)][q].p50,
                     delivery.quarters[q].usd_per_million_tokens);
  }
  EXPECT_TRUE(s.drivers.empty());
}

TEST(MonteCarlo, PercentilesAreOrderedAndTheSupplyShareDrivesGpus) {
  const UncertainFleetScenario u = uncertain_default();
  const MonteCarloSummary s = run_monte_carlo(u, 1, 2000);
  EXPECT_EQ(s.draws, 2000);
  for (int m = 0; m < kMcMetrics; ++m) {
    for (const Percentiles& p : s.by_quarter[m]) {
      EXPECT_LE(p.p10, p.p50);
      EXPECT_LE(p.p50, p.p90);
    }
  }
  const Percentiles& final_gpus = s.by_quarter[static_cast<int>(McMetric::gpus)].back();
  EXPECT_LT(final_gpus.p10, final_gpus.p90);  // the inputs do spread the outcome
  // The build-out is HBM-bound: the program's share of HBM output drives the GPU count, and capex per MW drives
  // spend, not the GPU count.
  const SpreadDriver& top = s.drivers.front();
  EXPECT_EQ(top.fields.front(), "supply.hbm.SK hynix.program_share");
  EXPECT_GT(top.rank_correlation[static_cast<int>(McMetric::gpus)], 0.5);
  for (const SpreadDriver& d : s.drivers) {
    if (d.fields.front() == "sites.abilene.capex_per_mw") {
      EXPECT_GT(d.rank_correlation[static_cast<int>(McMetric::spent_usd)], 0.4);
      EXPECT_LT(std::fabs(d.rank_correlation[static_cast<int>(McMetric::gpus)]), 0.1);
    }
  }
  for (size_t i = 1; i < s.drivers.size(); ++i) EXPECT_GE(s.drivers[i - 1].strongest(), s.drivers[i].strongest());
}

TEST(MonteCarlo, SummaryOfTheSameRecordsIsTheSame) {
  const UncertainFleetScenario u = uncertain_default();
  const std::vector<double> records = run_draws(u, 3, 0, 200);
  const MonteCarloSummary a = summarize_draws(u, 3, records), b = summarize_draws(u, 3, records);
  for (int m = 0; m < kMcMetrics; ++m) {
    for (size_t q = 0; q < a.quarters.size(); ++q) EXPECT_EQ(a.by_quarter[m][q].p50, b.by_quarter[m][q].p50);
  }
  ASSERT_EQ(a.drivers.size(), u.inputs.size());
}

}  // namespace
}  // namespace stargate
