#pragma once
// Shared by the engine tests: a static batch of 700 requests of 127 prompt + 2 output tokens on one H100 running
// Llama 3.1 8B in fp8 under the trtllm preset, all admitted at once (one prefill iteration, then one decode
// iteration of 700), and its reader.
#include <gtest/gtest.h>

#include <string>

#include "stargate/scenario/scenario.h"

namespace stargate::testing_serving {

inline constexpr const char* kStaticBatchYaml = R"(name: static batch
cluster: {accelerator: h100-sxm, gpus: 1}
model: llama3.1-8b
serving:
  engine: trtllm
  weights: fp8
  kv_cache_dtype: fp8
  scheduler: {max_batch_sequences: 1024, max_batch_tokens: 100000}
  workload: {arrival: offline, requests: 700, input: 127, output: 2}
)";

// The scenario `yaml` read as static.yaml (a test failure names its error).
inline Scenario parse_static_batch(const std::string& yaml) {
  Result<Scenario> s = parse_scenario(yaml, "static.yaml");
  EXPECT_TRUE(s.ok()) << s.error().to_string();
  return s.value();
}

}  // namespace stargate::testing_serving
