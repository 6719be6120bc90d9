// The scenario's `serving:` section is read strictly: errors name file:line and the field.
#include <gtest/gtest.h>

#include "scenario/serving_reader.h"
#include "stargate/core/input_error.h"
#include "stargate/scenario/scenario.h"

namespace stargate {
namespace {

const char* kBase = R"(cluster: {accelerator: h100-sxm, gpus: 8}
model: llama3.1-8b
serving:
  replicas: 2
  tp: 1
  workload: {arrival: poisson, rate: 5, requests: 100, input: 512, output: 128}
)";

TEST(ServingReader, ValidSectionIsRead) {
  Result<Scenario> s = parse_scenario(kBase, "ok.yaml");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  ASSERT_TRUE(s.value().serving.has_value());
  EXPECT_EQ(s.value().serving->deployment.pool.replicas, 2);
  EXPECT_DOUBLE_EQ(s.value().serving->workload.rate, 5);
}

TEST(ServingReader, ErrorsNameFileLineAndField) {
  struct Row { const char* yaml_tail; const char* field; int line; const char* words; };
  const Row rows[] = {
      {"  slo: {ttft: 500}\n", "serving.slo.ttft", 7, "unit"},
      {"  routr: round_robin\n", "serving", 7, "routr"},
      {"  slo: {ttft: 1s, p95: 2s}\n", "serving.slo", 7, "p95"},
      {"  router: random\n", "serving.router", 7, "least_outstanding"},
      {"  scheduler: {preemption: kill}\n", "serving.scheduler.preemption", 7, "swap"},
      {"  prefill: {replicas: 1}\n", "serving", 4, "decode"},
  };
  for (const Row& row : rows) {
    Result<Scenario> s = parse_scenario(std::string(kBase) + row.yaml_tail, "bad.yaml");
    ASSERT_FALSE(s.ok()) << row.yaml_tail;
    const Error& e = s.error();
    EXPECT_EQ(e.location.file, "bad.yaml") << row.yaml_tail;
    EXPECT_EQ(e.location.line, row.line) << row.yaml_tail << e.to_string();
    EXPECT_NE(e.to_string().find(row.field), std::string::npos) << e.to_string();
    EXPECT_NE(e.to_string().find(row.words), std::string::npos) << e.to_string();
  }
}

TEST(ServingReader, TpNotDividingHeadsIsRejected) {
  std::string text = kBase;
  text.replace(text.find("tp: 1"), 5, "tp: 3");
  Result<Scenario> s = parse_scenario(text, "tp.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().location.line, 5);
  EXPECT_NE(s.error().message.find("heads"), std::string::npos);
}

TEST(ServingReader, BadTraceRowNamesCsvFileAndLine) {
  std::string text = std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/serve-trace-llama8b-h200.yaml";
  Result<Scenario> ok = load_scenario_file(text);
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ(ok.value().serving->workload.trace.size(), 10u);
  try {
    parse_trace_csv("arrival_s,input_tokens,output_tokens\n0.1,10,5\n0.2,ten,5\n", "t.csv");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.error().location.file, "t.csv");
    EXPECT_EQ(e.error().location.line, 3);
  }
}

}  // namespace
}  // namespace stargate
