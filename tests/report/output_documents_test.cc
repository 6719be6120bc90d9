// Every JSON output is one indented document ending in a newline; every trace is one compact line without one;
// the train JSON carries the reliability member only when asked.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "stargate/net/cluster_collectives.h"
#include "stargate/report/fleet_report.h"
#include "stargate/report/serving_report.h"
#include "stargate/report/training_report.h"

namespace stargate {
namespace {

void expect_indented_document(const std::string& text) {
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_NE(text.find("\n  \""), std::string::npos);  // members indented by two spaces
  EXPECT_TRUE(nlohmann::json::accept(text));
}

void expect_one_line_trace(const std::string& text) {
  EXPECT_EQ(text.find('\n'), std::string::npos);
  const nlohmann::json trace = nlohmann::json::parse(text);
  EXPECT_EQ(trace["displayTimeUnit"], "ms");
  EXPECT_TRUE(trace["traceEvents"].is_array());
}

TEST(OutputDocuments, ServingJsonAndTrace) {
  ServingResult r;
  r.trace = {{.start = 0.5, .duration = 0.01, .replica = 2, .prefill_tokens = 128, .decode_seqs = 4},
             {.start = 0.1, .duration = 1.0, .request = 70, .prefill_tokens = 200, .decode_seqs = 50}};
  expect_indented_document(serving_to_json(r));
  expect_indented_document(capacity_to_json(CapacityPlan{}));
  const std::string text = serving_trace(r);
  expect_one_line_trace(text);
  const nlohmann::json events = nlohmann::json::parse(text)["traceEvents"];
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["name"], "iteration");
  EXPECT_DOUBLE_EQ(events[0]["ts"].get<double>(), 0.5e6);  // microseconds
  EXPECT_EQ(events[1]["name"], "request");
  EXPECT_EQ(events[1]["tid"], 70 % 64);
}

TEST(OutputDocuments, TrainingJsonHasReliabilityOnlyWhenGivenAndTraceNamesTheScenario) {
  Result<Scenario> loaded =
      load_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/gpt3-175b-512-a100.yaml");
  ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
  const Scenario& s = loaded.value();
  const KernelCostModel kernels = KernelCostModel::for_device(s.cluster.accelerator);
  const auto net = make_cluster_collectives(s.cluster);
  const TrainingEstimate e = estimate_training_step(s.model, s.cluster, *s.training, kernels, *net);
  const TrainingRunTotals run = training_run_totals(e, s.cluster, s.training->tokens_total);
  const std::string plain = training_to_json(s, e, run);
  expect_indented_document(plain);
  EXPECT_FALSE(nlohmann::json::parse(plain).contains("reliability"));
  ReliabilityEstimate reliability;
  reliability.goodput = 0.5;
  const nlohmann::json with = nlohmann::json::parse(training_to_json(s, e, run, reliability));
  EXPECT_DOUBLE_EQ(with["reliability"]["goodput"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(with["reliability"]["gpu_hours_with_failures"].get<double>(), 2 * run.gpu_hours);
  const std::string trace = training_trace(s, e);
  expect_one_line_trace(trace);
  EXPECT_EQ(nlohmann::json::parse(trace)["otherData"]["scenario"], s.file);
}

TEST(OutputDocuments, FleetJsonAndOneCsvRowPerQuarter) {
  Result<FleetScenario> scenario = default_fleet_scenario();
  ASSERT_TRUE(scenario.ok());
  const FleetPlan plan = make_fleet_plan(scenario.value());
  expect_indented_document(fleet_to_json(plan));
  const std::string csv = fleet_to_csv(plan);
  EXPECT_EQ(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')), plan.result.quarters.size() + 1);
  EXPECT_NE(fleet_to_text(plan).find("At " + quarter_name(plan.result.quarters.back().quarter)), std::string::npos);
}

}  // namespace
}  // namespace stargate
