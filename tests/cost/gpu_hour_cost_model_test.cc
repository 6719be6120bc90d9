// The one cost model: hand-computed $/GPU-hour, its inputs from the catalog, ordering by price, its data file.
#include <gtest/gtest.h>

#include "stargate/catalog/catalog.h"
#include "stargate/cost/finance.h"
#include "stargate/cost/gpu_hour_cost_model.h"

namespace stargate {
namespace {

CostAssumptions hand_assumptions() {
  return {.cost_of_capital = 0.10, .it_life_seconds = 5 * kSecondsPerYear, .facility_life_seconds = 10 * kSecondsPerYear,
          .facility_capex_usd_per_watt = 10.0, .pue = 1.25, .energy_usd_per_joule = 0.08 / 3.6e6,
          .power_utilization = 0.8, .network_share = 0.19, .storage_share = 0.01, .server_price_multiplier = 1.5,
          .server_power_multiplier = 2.0};
}

Cluster catalog_cluster(const std::string& node_id) {
  const Catalog& c = Catalog::builtin();
  const NodeSpec* node = c.find_node(node_id);
  EXPECT_NE(node, nullptr) << node_id;
  return {.accelerator = *c.find_accelerator(node->accelerator), .node = *node, .gpus = node->gpus_per_node};
}

TEST(GpuHourCost, HandComputedAnnuityCase) {
  // $40,000 IT at 10% over 5 y: 40,000 × 0.2637975 / 8760 h = $1.204555/h. 1 kW × $10/W facility over 10 y:
  // 10,000 × 0.1627454 / 8760 = $0.185782/h. Energy 1 kW × 0.8 × 1.25 × $0.08/kWh = $0.08/h.
  const GpuHourCost c = gpu_hour_cost(GpuCostInputs{.it_capex_usd = 40000, .it_watts = 1000}, hand_assumptions());
  EXPECT_NEAR(c.capital_usd, 1.2045547068, 1e-9);
  EXPECT_NEAR(c.facility_usd, 0.1857824142, 1e-9);
  EXPECT_NEAR(c.energy_usd, 0.08, 1e-12);
  EXPECT_NEAR(c.total_usd(), 1.2045547068 + 0.1857824142 + 0.08, 1e-9);
  EXPECT_FALSE(c.is_explicit());
}

TEST(GpuHourCost, InputsComeFromTheNodePresetPlusNetworkAndStorageShares) {
  const CostAssumptions a = hand_assumptions();
  const Cluster h100 = catalog_cluster("dgx-h100");  // $270k, 10.2 kW for 8 GPUs
  const GpuCostInputs in = gpu_cost_inputs(h100.node, h100.accelerator, a);
  EXPECT_NEAR(in.it_capex_usd, 270000.0 / 8 / (1 - 0.19 - 0.01), 1e-6);
  EXPECT_NEAR(in.it_watts, 10200.0 / 8, 1e-9);
  NodeSpec bare = h100.node;  // a node preset without price or power falls back to the accelerator's figures
  bare.price_usd = 0;
  bare.node_power_watts = 0;
  const GpuCostInputs fb = gpu_cost_inputs(bare, h100.accelerator, a);
  EXPECT_NEAR(fb.it_capex_usd, (25000.0 + 40000.0) / 2 * 1.5 / 0.8, 1e-6);
  EXPECT_NEAR(fb.it_watts, 700.0 * 2.0, 1e-9);
}

TEST(GpuHourCost, RisesWithAcceleratorPrice_B200AboveH200AboveH100) {
  const CostAssumptions& a = default_cost_assumptions();
  const double h100 = gpu_hour_cost(catalog_cluster("dgx-h100"), a).total_usd();
  const double h200 = gpu_hour_cost(catalog_cluster("hgx-h200"), a).total_usd();
  const double b200 = gpu_hour_cost(catalog_cluster("dgx-b200"), a).total_usd();
  EXPECT_LT(h100, h200);
  EXPECT_LT(h200, b200);
}

TEST(GpuHourCost, MoreExpensiveHardwareOrPowerNeverCostsLess) {
  const CostAssumptions& a = default_cost_assumptions();
  const GpuCostInputs base{.it_capex_usd = 40000, .it_watts = 1200};
  const double c0 = gpu_hour_cost(base, a).total_usd();
  EXPECT_GT(gpu_hour_cost(GpuCostInputs{.it_capex_usd = 50000, .it_watts = 1200}, a).total_usd(), c0);
  EXPECT_GT(gpu_hour_cost(GpuCostInputs{.it_capex_usd = 40000, .it_watts = 1500}, a).total_usd(), c0);
}

TEST(CostAssumptions, BuiltInFileMatchesItsCitedValues) {
  const CostAssumptions& a = default_cost_assumptions();
  EXPECT_DOUBLE_EQ(a.cost_of_capital, 0.116);
  EXPECT_DOUBLE_EQ(a.it_life_seconds, 5 * kSecondsPerYear);
  EXPECT_DOUBLE_EQ(a.facility_life_seconds, 15 * kSecondsPerYear);
  EXPECT_NEAR(a.facility_capex_usd_per_watt, 11.7, 1e-12);
  EXPECT_DOUBLE_EQ(a.pue, 1.2);
  EXPECT_NEAR(a.energy_usd_per_joule * 3.6e6, 0.0826, 1e-12);
  EXPECT_DOUBLE_EQ(a.power_utilization, 0.75);
  EXPECT_DOUBLE_EQ(a.network_share, 0.19);
}

TEST(CostAssumptions, BadValueIsAnErrorNamingTheField) {
  const std::string text = R"(cost:
  finance: {cost_of_capital: 0.1, it_depreciation_life: 5y, facility_depreciation_life: 15y}
  facility: {capex_per_mw: $11.7M, pue: 0.9, energy_price: $0.08/kWh, power_utilization: 0.75}
  it: {network_share: 0.19, storage_share: 0.02, server_price_multiplier: 1.64, server_power_multiplier: 1.82}
)";
  Result<CostAssumptions> r = parse_cost_assumptions(text, "c.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().to_string().find("pue"), std::string::npos) << r.error().to_string();
  EXPECT_NE(r.error().to_string().find("c.yaml:3"), std::string::npos) << r.error().to_string();
}

}  // namespace
}  // namespace stargate
