// `serving.engine: vllm|sglang|trtllm` starts the scheduler at that engine's defaults (engine_defaults.h), and the
// scenario's own `scheduler:` fields still win.
#include <gtest/gtest.h>

#include "stargate/catalog/catalog.h"
#include "stargate/scenario/scenario.h"
#include "stargate/serving/engine_defaults.h"

namespace stargate {
namespace {

TEST(EngineDefaults, EachEngineHasItsDocumentedBatchingAndAdmission) {
  const Catalog& c = Catalog::builtin();
  SchedulerConfig s;
  apply_engine_defaults(EnginePreset::vllm, *c.find_accelerator("h100-sxm"), s);
  EXPECT_EQ(s.max_batch_sequences, 1024);
  EXPECT_EQ(s.max_batch_tokens, 16384);
  apply_engine_defaults(EnginePreset::vllm, *c.find_accelerator("a100-80gb"), s);  // vLLM excludes A100
  EXPECT_EQ(s.max_batch_sequences, 256);
  EXPECT_EQ(s.max_batch_tokens, 8192);
  apply_engine_defaults(EnginePreset::trtllm, *c.find_accelerator("h100-sxm"), s);
  EXPECT_FALSE(s.chunked_prefill);
  EXPECT_EQ(s.block_tokens, 32);
  EXPECT_EQ(s.capacity_policy, CapacityPolicy::guaranteed_no_evict);
  apply_engine_defaults(EnginePreset::sglang, *c.find_accelerator("h100-sxm"), s);
  EXPECT_TRUE(s.chunked_prefill);
  EXPECT_DOUBLE_EQ(s.gpu_memory_fraction, 0.88);
  EXPECT_EQ(s.capacity_policy, CapacityPolicy::max_utilization);
}

TEST(EngineDefaults, ScenarioSchedulerFieldsOverrideTheEngine) {
  const std::string yaml = R"(name: e
cluster: {accelerator: h100-sxm, gpus: 1}
model: llama3.1-8b
serving:
  engine: trtllm
  scheduler: {max_batch_sequences: 64}
  workload: {arrival: offline, requests: 10, input: 128, output: 16}
)";
  Result<Scenario> s = parse_scenario(yaml, "e.yaml");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  const SchedulerConfig& sched = s.value().serving->scheduler;
  EXPECT_EQ(sched.max_batch_sequences, 64);   // the scenario's
  EXPECT_EQ(sched.max_batch_tokens, 8192);    // TensorRT-LLM's
  EXPECT_EQ(sched.capacity_policy, CapacityPolicy::guaranteed_no_evict);
  EXPECT_FALSE(sched.chunked_prefill);
}

}  // namespace
}  // namespace stargate
