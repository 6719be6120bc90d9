// The same card under the same assumptions costs the same per GPU-hour in serve, search and plan: each of the
// three code paths is run and its effective $/GPU-hour compared with the cost model's.
#include <gtest/gtest.h>

#include <string>

#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/fleet/fleet_sim.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/scenario/scenario.h"
#include "stargate/search/plan_evaluator.h"
#include "stargate/serving/simulator.h"

namespace stargate {
namespace {

Scenario load(const std::string& name) {
  Result<Scenario> s = load_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/" + name);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().to_string());
  return s.value();
}

double serve_price(const Scenario& s) {  // stargate serve: the simulator's cost for a short run
  std::vector<ServingRequest> requests;
  for (int i = 0; i < 16; ++i) requests.push_back({.arrival = 0.05 * i, .input_tokens = 256, .output_tokens = 32});
  Result<ServingResult> r = simulate_serving(s.model, s.cluster, *s.serving, requests);
  EXPECT_TRUE(r.ok());
  return r.value().cost_usd / (r.value().gpus * r.value().duration / 3600.0);
}

double search_price(const Scenario& s) {  // stargate search --objective cost: USD per step / GPU-hours per step
  const KernelCostModel kernels = KernelCostModel::for_device(s.cluster.accelerator);
  const auto net = make_cluster_collectives(s.cluster);
  PlanEvaluator evaluator(s.model, s.cluster, s.training->seq_len, s.training->global_batch_sequences, kernels, *net,
                          SearchObjective::cost);
  const PlanScore score = evaluator.score(s.training->plan);
  EXPECT_EQ(score.verdict, PlanVerdict::scored);
  return score.objective / (score.step_seconds * s.cluster.gpus / 3600.0);
}

// stargate plan: one site sized for one node of the card, everything else unconstrained, default assumptions.
double plan_price(const Cluster& cluster, const CostAssumptions& a) {
  const GpuCostInputs in = gpu_cost_inputs(cluster.node, cluster.accelerator, a);
  const Quarter start = make_quarter(2025, 1);
  const int gpus = cluster.node.gpus_per_node;
  FleetScenario s{.start = start, .quarters = 4, .budget_total_usd = 1e12, .budget_tranches = {{start, 1e12}}};
  s.sites.push_back({.name = "site", .ramp_watts = {{start + 1, gpus * in.it_watts}}, .pue = a.pue,
                     .capex_per_watt = a.facility_capex_usd_per_watt, .energy_usd_per_joule = a.energy_usd_per_joule});
  s.generations.push_back({.name = "card", .accelerator = cluster.accelerator, .node = cluster.node, .available = start,
                           .price_per_gpu_usd = in.it_capex_usd, .it_watts_per_gpu = in.it_watts,
                           .hbm_stacks_per_gpu = 1, .gpus_per_cowos_wafer = 1});
  s.supply.hbm.push_back({.name = "hbm", .wafers_per_month = {{{start, 1e9}}}, .program_share = 1, .qualified_from = start});
  s.supply.hbm_stacks_per_wafer = 1;
  s.supply.cowos_wafers_per_month = {{{start, 1e9}}};
  s.supply.cowos_program_share = 1;
  s.finance = {.depreciation_seconds = a.it_life_seconds, .facility_depreciation_seconds = a.facility_life_seconds,
               .cost_of_capital = a.cost_of_capital, .power_utilization = a.power_utilization};
  const FleetQuarter last = simulate_fleet(s).quarters.back();
  EXPECT_EQ(last.gpus_installed, gpus);
  EXPECT_DOUBLE_EQ(last.installed_it_watts, last.energized_it_watts);  // the facility is fully used
  return last.usd_per_gpu_hour;
}

TEST(OneCostModel, SameCardSameAssumptions_SamePricePerGpuHourInServeSearchAndPlan) {
  const Scenario serve = load("serve-llama8b-h100.yaml");
  const Scenario train = load("llama3-405b-16k-h100.yaml");
  ASSERT_TRUE(serve.serving && train.training);
  ASSERT_EQ(serve.cluster.node.id, train.cluster.node.id);  // both dgx-h100
  const CostAssumptions& a = default_cost_assumptions();
  const double model = gpu_hour_cost(train.cluster, a).total_usd();
  EXPECT_NEAR(serve_price(serve), model, 1e-9 * model);
  EXPECT_NEAR(search_price(train), model, 1e-9 * model);
  EXPECT_NEAR(plan_price(train.cluster, a), model, 1e-9 * model);
}

TEST(OneCostModel, ExplicitServingPriceOverridesTheModel) {
  Scenario serve = load("serve-llama8b-h100.yaml");
  serve.serving->deployment.price_per_gpu_hour = 3.25;
  EXPECT_NEAR(serve_price(serve), 3.25, 1e-9);
  EXPECT_TRUE(serve.serving->deployment.price().is_explicit());
}

}  // namespace
}  // namespace stargate
