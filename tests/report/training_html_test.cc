// The training page of `stargate report`: self-contained, the breakdown and memory charts, the headline figures
// equal to the estimate's (the numbers `train --json` prints), every part of the step and of memory drawn.
#include <gtest/gtest.h>

#include "report_pages_test_support.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/report/training_html.h"

namespace stargate {
namespace {

struct Trained {
  Scenario scenario;
  TrainingEstimate estimate;
  TrainingRunTotals run;
};

Trained train(const char* name) {
  Result<Scenario> loaded = load_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/" + name);
  EXPECT_TRUE(loaded.ok());
  Trained t{.scenario = loaded.value(), .estimate = {}, .run = {}};
  const KernelCostModel kernels = KernelCostModel::for_device(t.scenario.cluster.accelerator);
  const auto net = make_cluster_collectives(t.scenario.cluster);
  t.estimate = estimate_training_step(t.scenario.model, t.scenario.cluster, *t.scenario.training, kernels, *net);
  t.run = training_run_totals(t.estimate, t.scenario.cluster, t.scenario.training->tokens_total);
  return t;
}

TEST(TrainingHtml, SelfContainedWithTheBreakdownAndMemoryCharts) {
  const Trained t = train("llama3-405b-16k-h100.yaml");
  const std::string html = training_html_report(t.scenario, t.estimate, t.run);
  EXPECT_EQ(testing_report::expect_self_contained_page(html), (std::vector<std::string>{"breakdown", "memory"}));
  EXPECT_NE(html.find("MFU 37.8% of bf16 peak 989 TFLOP/s"), std::string::npos);
  EXPECT_NE(html.find("<th>training.plan field</th>"), std::string::npos);
  EXPECT_NE(html.find("HBM 80 GiB"), std::string::npos);  // the capacity marker of the memory chart
}

TEST(TrainingHtml, HeadlineFiguresAreTheEstimates) {
  const Trained t = train("llama3-405b-16k-h100.yaml");
  const auto figures = testing_report::headline_figures(training_html_report(t.scenario, t.estimate, t.run));
  EXPECT_EQ(figures.at("step_seconds"), t.estimate.step_seconds);
  EXPECT_EQ(figures.at("mfu"), t.estimate.mfu);
  EXPECT_EQ(figures.at("tokens_per_second"), t.estimate.tokens_per_second);
  EXPECT_EQ(figures.at("memory_bytes.total"), t.estimate.memory.total_bytes());
  EXPECT_EQ(figures.at("run.wall_seconds"), t.run.wall_seconds);
  EXPECT_EQ(figures.at("run.gpu_hours"), t.run.gpu_hours);
  EXPECT_EQ(figures.at("run.it_energy_joules"), t.run.it_energy_joules);
  EXPECT_GT(figures.at("run.cost_usd"), 0);
}

TEST(TrainingHtml, EveryNonZeroPartOfTheStepIsABar) {
  const Trained t = train("gpt3-175b-512-a100.yaml");
  const std::string html = training_html_report(t.scenario, t.estimate, t.run);
  const size_t begin = html.find("data-chart=\"breakdown\"");
  const std::string chart = html.substr(begin, html.find("</svg>", begin) - begin);
  const StepBreakdown& b = t.estimate.breakdown;
  int parts = 0;
  for (double v : b.compute_seconds) parts += v > 0;
  for (double v : {b.recompute_seconds, b.tp_comm_seconds, b.cp_comm_seconds, b.ep_comm_seconds, b.pp_comm_seconds,
                   b.dp_comm_seconds, b.bubble_seconds, b.optimizer_seconds}) {
    parts += v > 0;
  }
  EXPECT_NE(chart.find("data-points=\"" + std::to_string(parts) + "\""), std::string::npos) << parts;
  EXPECT_NE(chart.find("pipeline bubble"), std::string::npos);
}

}  // namespace
}  // namespace stargate
