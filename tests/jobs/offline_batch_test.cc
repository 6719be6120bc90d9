// `serve --offline` (run_offline_job, serving/offline_batch.h): the scenario's workload as a static batch queued at
// t = 0, the same simulation the inference validation runs for its end-to-end cases.
#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <string>

#include "stargate/core/value_limits.h"
#include "stargate/jobs/serve_job.h"
#include "stargate/serving/offline_batch.h"
#include "stargate/validation/case_result.h"

#include "parameter_name.h"

namespace stargate {
namespace {

// A vLLM case on one H100 and the scenario that states the same deployment and workload.
std::string validation_case(const std::string& metric) {
  return R"(cases:
- id: vllm-llama8b-h100-offline
  source: test
  model: {name: Llama 3.1 8B, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336, vocab: 128256}
  weights_precision: BF16
  gpu: H100-SXM5-80GB
  num_gpus: 1
  parallelism: {tp: 1}
  workload: {input_len: 1000, output_len: 200, num_requests: 400}
  software: vLLM
  measured: {)" + metric + R"(: 1.0}
)";
}
constexpr const char* kSameScenario = R"(name: the validation case as a scenario
cluster: {accelerator: h100-sxm, gpus: 1}
model: llama3.1-8b
serving:
  tp: 1
  engine: vllm
  workload: {arrival: poisson, rate: 3, requests: 400, input: 1000, output: 200}
)";

struct SameNumber {
  const char* metric;  // the validation case's measured metric
  std::function<double(const ServingResult&)> served;
};
std::string_view label(const SameNumber& c) { return c.metric; }
void PrintTo(const SameNumber& c, std::ostream* os) { *os << c.metric; }

class OfflineEqualsValidation : public testing::TestWithParam<SameNumber> {};

TEST_P(OfflineEqualsValidation, ServeOfflineOnTheCasesScenarioGivesTheValidationsPrediction) {
  CaseResults cases = validate_inference_cases(validation_case(GetParam().metric), "case.yaml");
  ASSERT_TRUE(cases.ok()) << cases.error().to_string();
  ASSERT_EQ(cases.value().size(), 1u);
  const CaseResult& predicted = cases.value()[0];
  ASSERT_FALSE(predicted.skipped) << predicted.skip_reason;
  Result<ServingResult> served = run_offline_job(parse_scenario(kSameScenario, "case.yaml").value());
  ASSERT_TRUE(served.ok()) << served.error().to_string();
  EXPECT_EQ(served.value().completed, 400);
  EXPECT_NEAR(GetParam().served(served.value()), predicted.predicted, 1e-9 * predicted.predicted);
}

INSTANTIATE_TEST_SUITE_P(
    Metrics, OfflineEqualsValidation,
    testing::Values(SameNumber{"output_tokens_per_s", [](const ServingResult& r) { return r.output_tokens_per_s; }},
                    SameNumber{"total_tokens_per_s", [](const ServingResult& r) { return r.total_tokens_per_s; }},
                    SameNumber{"requests_per_s", [](const ServingResult& r) { return r.requests_per_s; }},
                    // Latencies are compared in the milliseconds they are published in; the result keeps seconds.
                    SameNumber{"mean_tpot_ms", [](const ServingResult& r) { return 1000 * r.tpot.mean; }},
                    SameNumber{"mean_ttft_ms", [](const ServingResult& r) { return 1000 * r.ttft.mean; }}),
    test_names::ParameterName{});

TEST(OfflineBatch, QueuesEveryRequestAtTimeZeroAndTakesTheRequestedCount) {
  ServingConfig config;
  config.workload.arrival = ArrivalKind::gamma;
  config.workload.rate = 0.5;
  Result<ServingConfig> batch = offline_batch_config(config, 250);
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch.value().workload.arrival, ArrivalKind::offline);
  EXPECT_EQ(batch.value().workload.requests, 250);
  EXPECT_EQ(offline_batch_config(config).value().workload.requests, config.workload.requests);  // 0: the workload's
}

TEST(OfflineBatch, ATraceKeepsItsRowsAndDropsTheirArrivalTimes) {
  ServingConfig config;
  config.workload.arrival = ArrivalKind::trace;
  config.workload.trace = {{.arrival = 0, .input_tokens = 100, .output_tokens = 10},
                           {.arrival = 7.5, .input_tokens = 300, .output_tokens = 30}};
  config.workload.requests = 2;
  Result<ServingConfig> batch = offline_batch_config(config, 1);  // a trace replays all its rows
  ASSERT_TRUE(batch.ok());
  const ServingWorkload& w = batch.value().workload;
  EXPECT_EQ(w.arrival, ArrivalKind::trace);
  ASSERT_EQ(w.trace.size(), 2u);
  EXPECT_EQ(w.trace[1].arrival, 0);
  EXPECT_EQ(w.trace[1].input_tokens, 300);
  EXPECT_EQ(w.requests, 2);
}

TEST(OfflineBatch, MoreRequestsThanCanBeHeldAtOnceIsAnErrorOnTheScenarioField) {
  Result<ServingResult> r = run_offline_job(parse_scenario(kSameScenario, "big.yaml").value(),
                                            limits::materialized_requests.max + 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "serving.workload.requests");
  EXPECT_EQ(r.error().location.file, "big.yaml");
}

}  // namespace
}  // namespace stargate
