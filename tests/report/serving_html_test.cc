// The serving page of `stargate report`: self-contained, the three latency CDFs from the simulator's quantile
// sketches, the queue, the tokens/s per GPU vs tokens/s per user front (aggregated and disaggregated), figures
// equal to the simulation's.
#include <gtest/gtest.h>

#include <algorithm>

#include "report_pages_test_support.h"
#include "stargate/report/deployment_front_report.h"
#include "stargate/report/serving_html.h"

namespace stargate {
namespace {

Scenario small_scenario() {
  Result<Scenario> loaded =
      load_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/tests/data/report/serve-small-llama8b.yaml");
  EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().to_string());
  return loaded.value();
}

ServingResult simulate(const Scenario& s, int quantiles) {
  SimulationOptions options;
  options.latency_quantiles = quantiles;
  Result<ServingResult> r = simulate_serving(s.model, s.cluster, *s.serving, options);
  EXPECT_TRUE(r.ok());
  return r.value();
}

// A small front search: few probe requests, two batch limits, aggregated and 1:1 disaggregated.
DeploymentFront small_front(const Scenario& s) {
  DeploymentSearchOptions options;
  options.probe_requests = 300;
  options.batch_sequences = {64, 256};
  options.batch_tokens = {8192};
  options.decode_per_prefill = {1};
  Result<DeploymentFront> front = deployment_front(s.model, s.cluster, *s.serving, options);
  EXPECT_TRUE(front.ok());
  return front.value();
}

TEST(ServingHtml, SelfContainedWithLatencyCdfsQueueAndFront) {
  const Scenario s = small_scenario();
  const DeploymentFront front = small_front(s);
  const std::string html = serving_html_report(s, simulate(s, 101), front);
  EXPECT_EQ(testing_report::expect_self_contained_page(html),
            (std::vector<std::string>{"ttft", "tpot", "e2e", "queue", "pareto"}));
  EXPECT_NE(html.find("data-chart=\"ttft\" data-points=\"101\""), std::string::npos);
  EXPECT_NE(html.find("SLO 500.0 ms"), std::string::npos);  // the TTFT target, as a marker or in the title
  // The two fronts side by side: one panel per kind, each titled with its counts.
  EXPECT_NE(html.find(">aggregated: "), std::string::npos);
  EXPECT_NE(html.find(">disaggregated: "), std::string::npos);
}

// One front computation and one drawing: the page embeds the SVG that `serve --search --svg` writes for the same
// search.
TEST(ServingHtml, FrontChartIsTheStandaloneSvgOfTheSameSearch) {
  const Scenario s = small_scenario();
  const DeploymentFront front = small_front(s);
  const std::string html = serving_html_report(s, simulate(s, 11), front);
  const std::string svg = deployment_front_to_svg(front.search);
  const size_t body = svg.find("<text class=\"legend\""), end = svg.rfind("</svg>");
  ASSERT_NE(body, std::string::npos);
  EXPECT_NE(html.find(svg.substr(body, end - body)), std::string::npos);
}

TEST(ServingHtml, FrontPointsAreFeasibleDeploymentsWithinTheUnitCap) {
  const Scenario s = small_scenario();
  const DeploymentFront front = small_front(s);
  ASSERT_FALSE(front.points.empty());
  bool front_of[2] = {false, false}, kind_seen[2] = {false, false};
  for (const DeploymentFrontPoint& p : front.points) {
    const bool disaggregated = p.option.candidate.disaggregated();
    kind_seen[disaggregated] = true;
    front_of[disaggregated] = front_of[disaggregated] || p.on_front;
    EXPECT_EQ(p.option.candidate.accelerator, s.cluster.accelerator.id);
    EXPECT_LE(p.option.units, 2 * s.cluster.gpus);
    EXPECT_TRUE(p.option.whole_deployment_simulated);  // no cost cut-off: every deployment is in the top k
    EXPECT_TRUE(p.meets_slo || !p.on_front);
    EXPECT_DOUBLE_EQ(p.output_tokens_per_s_per_gpu, front.search.demand_output_tokens_per_s / p.option.gpus);
    EXPECT_DOUBLE_EQ(p.output_tokens_per_s_per_user, 1 / p.option.mean_tpot);
  }
  for (int k = 0; k < 2; ++k) EXPECT_EQ(front_of[k], kind_seen[k]) << k;  // every kind present has a front
}

TEST(ServingHtml, HeadlineFiguresAreTheSimulation) {
  const Scenario s = small_scenario();
  const ServingResult r = simulate(s, 101);
  const auto figures = testing_report::headline_figures(serving_html_report(s, r, std::nullopt, "not searched"));
  EXPECT_EQ(figures.at("throughput.requests_per_s"), r.requests_per_s);
  EXPECT_EQ(figures.at("throughput.output_tokens_per_s"), r.output_tokens_per_s);
  EXPECT_EQ(figures.at("slo_attainment"), r.slo_attainment);
  EXPECT_EQ(figures.at("ttft.p99_s"), r.ttft.p99);
  EXPECT_EQ(figures.at("tpot.p99_s"), r.tpot.p99);
  EXPECT_EQ(figures.at("e2e.p99_s"), r.e2e.p99);
}

TEST(ServingHtml, WithoutAFrontThePageSaysWhy) {
  const Scenario s = small_scenario();
  const std::string html = serving_html_report(s, simulate(s, 11), std::nullopt, "the demand rate must be positive");
  EXPECT_NE(html.find("No deployment front: the demand rate must be positive"), std::string::npos);
  EXPECT_EQ(html.find("data-chart=\"pareto\""), std::string::npos);
}

TEST(LatencyQuantiles, AreAskedForAscendAndBracketThePercentiles) {
  const Scenario s = small_scenario();
  EXPECT_TRUE(simulate(s, 0).ttft.quantiles.empty());  // none unless asked for
  const ServingResult r = simulate(s, 101);
  for (const LatencyStats* l : {&r.ttft, &r.tpot, &r.e2e}) {
    ASSERT_EQ(l->quantiles.size(), 101u);
    EXPECT_TRUE(std::is_sorted(l->quantiles.begin(), l->quantiles.end()));
    EXPECT_EQ(l->quantiles[50], l->p50);
    EXPECT_EQ(l->quantiles[90], l->p90);
    EXPECT_EQ(l->quantiles[99], l->p99);
  }
}

}  // namespace
}  // namespace stargate
