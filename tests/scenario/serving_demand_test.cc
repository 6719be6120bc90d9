// A serving load stated as a user population becomes its peak request rate.
#include <gtest/gtest.h>

#include "stargate/scenario/scenario.h"

namespace stargate {
namespace {

std::string scenario(const std::string& workload_line) {
  return "cluster: {accelerator: h100-sxm, gpus: 8}\nmodel: llama3.1-8b\nserving:\n  replicas: 8\n  tp: 1\n"
         "  workload:\n    arrival: poisson\n    " + workload_line +
         "\n    requests: 100\n    input: {distribution: fixed, mean: 128}\n    output: {distribution: fixed, mean: 64}\n";
}

TEST(ServingDemand, UsersTimesRequestsPerDayTimesPeakFactorGivesTheRate) {
  Result<Scenario> r = parse_scenario(scenario("demand: {users: 50M, requests_per_user_per_day: 8, peak_factor: 2.5}"), "d.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_TRUE(r.value().serving.has_value());
  EXPECT_NEAR(r.value().serving->workload.rate, 50e6 * 8 / 86400 * 2.5, 1e-6);
}

TEST(ServingDemand, RateAndDemandTogetherIsAnError) {
  Result<Scenario> r = parse_scenario(scenario("rate: 5\n    demand: {users: 1M, requests_per_user_per_day: 1}"), "d.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "serving.workload.rate");
}

TEST(ServingDemand, PeakFactorBelowOneIsAnError) {
  Result<Scenario> r = parse_scenario(scenario("demand: {users: 1M, requests_per_user_per_day: 1, peak_factor: 0.5}"), "d.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "serving.workload.demand.peak_factor");
}

}  // namespace
}  // namespace stargate
