// Fleet scenarios with distributions (fleet/uncertain_scenario.h): the point plan, aliases, and clear errors.
#include "stargate/fleet/uncertain_scenario.h"

#include <gtest/gtest.h>

#include <ostream>

#include <algorithm>

#include "core/yaml_map.h"
#include "stargate/fleet/fleet_sim.h"

namespace stargate {
namespace {

std::string uncertain_text() {
  return read_text_file(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/stargate-uncertain.yaml");
}

UncertainFleetScenario uncertain_default() {
  Result<UncertainFleetScenario> u = parse_uncertain_fleet_scenario(uncertain_text(), "stargate-uncertain.yaml");
  EXPECT_TRUE(u.ok()) << u.error().to_string();
  return u.value();
}

const UncertainInput& input_for(const UncertainFleetScenario& u, const std::string& field) {
  for (const UncertainInput& in : u.inputs) {
    if (std::find(in.fields.begin(), in.fields.end(), field) != in.fields.end()) return in;
  }
  throw std::runtime_error("no uncertain input " + field);
}

void expect_same_build_out(const FleetResult& a, const FleetResult& b) {
  ASSERT_EQ(a.quarters.size(), b.quarters.size());
  for (size_t q = 0; q < a.quarters.size(); ++q) {
    EXPECT_EQ(a.quarters[q].gpus_installed, b.quarters[q].gpus_installed) << q;
    EXPECT_EQ(a.quarters[q].spent, b.quarters[q].spent) << q;
    EXPECT_EQ(a.quarters[q].peak_flops[0], b.quarters[q].peak_flops[0]) << q;
    EXPECT_EQ(a.quarters[q].usd_per_gpu_hour, b.quarters[q].usd_per_gpu_hour) << q;
    EXPECT_EQ(a.quarters[q].installed_it_watts, b.quarters[q].installed_it_watts) << q;
  }
}

TEST(UncertainScenario, PointPlanOfTheUncertainDefaultIsTheDefaultPlan) {
  const FleetResult point = simulate_fleet(default_fleet_scenario().value());
  expect_same_build_out(simulate_fleet(uncertain_default().point), point);
}

TEST(UncertainScenario, SettingEveryInputToItsCentralValueChangesNothing) {
  UncertainFleetScenario u = uncertain_default();
  FleetScenario s = u.point;
  for (const UncertainInput& in : u.inputs) in.apply(s, in.distribution.central());
  expect_same_build_out(simulate_fleet(s), simulate_fleet(u.point));
}

TEST(UncertainScenario, CoversDelaysSupplyPricesAndFinance) {
  const UncertainFleetScenario u = uncertain_default();
  for (const char* field :
       {"sites.softbank-sites.construction_delay", "sites.michigan.interconnection_delay",
        "generations.GB200.price_per_gpu", "sites.abilene.energy_price", "supply.hbm_stacks_per_wafer",
        "supply.cowos.wafers_per_month.2026Q1.wafers", "supply.hbm.SK hynix.wafers_per_month.2025Q1.wafers",
        "finance.cost_of_capital", "generations.Vera Rubin.it_power_per_gpu"}) {
    EXPECT_NO_THROW(input_for(u, field)) << field;
  }
  EXPECT_TRUE(parse_uncertain_fleet_scenario(default_fleet_scenario_text(), "s.yaml").value().inputs.empty());
}

TEST(UncertainScenario, AnAliasedDistributionIsOneInputSettingEveryField) {
  UncertainFleetScenario u = uncertain_default();
  const UncertainInput& capex = input_for(u, "sites.abilene.capex_per_mw");
  EXPECT_EQ(capex.fields.size(), u.point.sites.size());
  EXPECT_EQ(&input_for(u, "sites.michigan.capex_per_mw"), &capex);
  FleetScenario s = u.point;
  capex.apply(s, 20e6);  // $20M per MW
  for (const Site& site : s.sites) EXPECT_DOUBLE_EQ(site.capex_per_watt, 20.0) << site.name;
  const UncertainInput& share = input_for(u, "supply.cowos.program_share");
  EXPECT_EQ(&input_for(u, "supply.hbm.Samsung.program_share"), &share);  // HBM and CoWoS fractions share one draw
}

TEST(UncertainScenario, GenerationInputsSetTheNamedGeneration) {
  UncertainFleetScenario u = uncertain_default();
  FleetScenario s = u.point;
  input_for(u, "generations.GB300.price_per_gpu").apply(s, 1234.0);
  for (const Generation& g : s.generations) EXPECT_EQ(g.price_per_gpu_usd == 1234.0, g.name == "GB300") << g.name;
}

TEST(UncertainScenario, DrawsAreClampedToTheFieldRange) {
  const UncertainFleetScenario u = uncertain_default();
  const UncertainInput& delay = input_for(u, "sites.michigan.construction_delay");
  EXPECT_GE(delay.draw(1e-9), 0.0);
  UncertainInput fraction = input_for(u, "finance.cost_of_capital");
  fraction.distribution = {DistributionKind::split_normal, 0.5, 0.9, 0.99};
  EXPECT_LE(fraction.draw(1 - 1e-9), 1.0);
}

struct BadDistribution {
  const char* name;
  const char* point;        // text of the default scenario to replace (its first occurrence)
  const char* replacement;  // the distribution written instead
  const char* message;      // expected in the error
};
void PrintTo(const BadDistribution& c, std::ostream* os) { *os << c.replacement; }

class UncertainScenarioError : public testing::TestWithParam<BadDistribution> {};

TEST_P(UncertainScenarioError, NamesFileLineAndField) {
  const BadDistribution& c = GetParam();
  std::string text(default_fleet_scenario_text());
  const size_t at = text.find(c.point);
  ASSERT_NE(at, std::string::npos) << c.point;
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  text.replace(at, std::string(c.point).size(), c.replacement);
  Result<UncertainFleetScenario> r = parse_uncertain_fleet_scenario(text, "bad.yaml");
  ASSERT_FALSE(r.ok());
  const std::string message = r.error().to_string();
  EXPECT_EQ(r.error().kind, ErrorKind::invalid_input) << message;
  EXPECT_NE(message.find("bad.yaml:" + std::to_string(line) + ":"), std::string::npos) << message;
  EXPECT_NE(message.find(c.message), std::string::npos) << message;
  const std::string field(c.point, std::string(c.point).find(':'));
  EXPECT_NE(message.find(field), std::string::npos) << message;
  EXPECT_FALSE(parse_fleet_scenario(text, "bad.yaml").ok());  // the point reader refuses it too
}

INSTANTIATE_TEST_SUITE_P(
    Fleet, UncertainScenarioError,
    testing::Values(
        BadDistribution{"p10_above_p50", "capex_per_mw: $11.7M", "capex_per_mw: {p10: $12M, p50: $11.7M, p90: $15M}",
                        "p10 must not exceed p50"},
        BadDistribution{"p50_above_p90", "capex_per_mw: $11.7M", "capex_per_mw: {p10: $9M, p50: $16M, p90: $15M}",
                        "p50 must not exceed p90"},
        BadDistribution{"negative_sigma", "capex_per_mw: $11.7M",
                        "capex_per_mw: {lognormal: {median: $11.7M, sigma: -0.2}}", "sigma must not be negative"},
        BadDistribution{"sigma_above_limit", "capex_per_mw: $11.7M",
                        "capex_per_mw: {lognormal: {median: $11.7M, sigma: 4}}", "sigma must be at most 3"},
        BadDistribution{"unknown_percentile", "capex_per_mw: $11.7M",
                        "capex_per_mw: {p10: $9M, p50: $11.7M, p95: $15M}", "p95"},
        BadDistribution{"unknown_distribution", "capex_per_mw: $11.7M",
                        "capex_per_mw: {trianglar: [$9M, $11.7M, $15M]}", "expected a number or a distribution"},
        BadDistribution{"triangular_two_points", "capex_per_mw: $11.7M", "capex_per_mw: {triangular: [$9M, $15M]}",
                        "expected [min, mode, max]"},
        BadDistribution{"triangular_unordered", "capex_per_mw: $11.7M",
                        "capex_per_mw: {triangular: [$12M, $11.7M, $15M]}", "min ≤ mode ≤ max"},
        BadDistribution{"fraction_above_one", "cost_of_capital: 0.116",
                        "cost_of_capital: {p10: 0.08, p50: 0.116, p90: 1.5}", "outside the field's range"},
        BadDistribution{"pue_below_one", "pue: 1.2 ", "pue: {triangular: [0.9, 1.2, 1.3]} ", "outside the field's range"},
        BadDistribution{"field_cannot_be_uncertain", "flops: 3.8e26FLOP",
                        "flops: {p10: 1e26FLOP, p50: 3.8e26FLOP, p90: 5e26FLOP}", "cannot be a distribution"}),
    [](const testing::TestParamInfo<BadDistribution>& info) { return info.param.name; });

}  // namespace
}  // namespace stargate
