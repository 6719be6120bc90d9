// One step-time model for `serve` and `validate`: a static batch of B requests (prompt P, output 2) served offline
// on a plain PyTorch engine takes, per request, TTFT = the step-level validation's prefill forward of B × P tokens
// and TPOT = its decode step of B sequences at P + 1 cached tokens (engine_step.h, validation/measured-h100).
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "stargate/jobs/serve_job.h"
#include "stargate/scenario/scenario.h"
#include "stargate/serving/engine_defaults.h"
#include "stargate/serving/engine_step.h"
#include "stargate/validation/case_result.h"

#include "parameter_name.h"

namespace stargate {
namespace {

struct StaticBatch {
  const char* engine;
  int batch, prompt;
};
std::string label(const StaticBatch& c) {
  return std::string(c.engine) + " b" + std::to_string(c.batch) + " p" + std::to_string(c.prompt);
}
void PrintTo(const StaticBatch& c, std::ostream* os) { *os << label(c); }

// The validation's prediction of one measured row (its own model shapes, one H100).
double validated_step(const std::string& row) {
  CaseResults r = validate_measured_inference_steps("[" + row + "]", "measured-h100/steps.json");
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  if (!r.ok() || r.value().size() != 1 || r.value()[0].skipped) return -1;
  return r.value()[0].predicted;
}

ServingResult served_offline(const StaticBatch& c) {
  const std::string yaml = std::string(R"(name: static batch
cluster: {accelerator: h100-sxm, gpus: 1}
model: llama3.1-8b
serving:
  engine: )") + c.engine + R"(
  scheduler: {max_batch_sequences: )" + std::to_string(c.batch) + ", max_batch_tokens: " +
                           std::to_string(c.batch * c.prompt) + R"(}
  workload: {arrival: poisson, rate: 1, requests: 1, input: )" + std::to_string(c.prompt) + R"(, output: 2}
)";
  Result<Scenario> s = parse_scenario(yaml, "static.yaml");
  EXPECT_TRUE(s.ok()) << s.error().to_string();
  Result<ServingResult> r = run_offline_job(s.value(), c.batch);
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  return r.value();
}

class PytorchStaticBatch : public testing::TestWithParam<StaticBatch> {};

TEST_P(PytorchStaticBatch, ServeOfflineStepsEqualTheStepLevelValidation) {
  const StaticBatch& c = GetParam();
  const bool graphs = std::string(c.engine) == "pytorch_cuda_graphs";
  const std::string shape = R"({"model": "llama-8b", "batch": )" + std::to_string(c.batch);
  const double prefill = validated_step(shape + R"(, "phase": "prefill", "prompt": )" + std::to_string(c.prompt) +
                                        R"(, "s": 1})");
  const double decode = validated_step(shape + R"(, "phase": "decode", "ctx": )" + std::to_string(c.prompt + 1) +
                                       (graphs ? R"(, "s_graph": 1})" : R"(, "s_eager": 1})"));
  const ServingResult r = served_offline(c);
  ASSERT_EQ(r.completed, c.batch);
  EXPECT_EQ(r.iterations, 2);  // one prefill of the whole batch, one decode step
  EXPECT_NEAR(r.ttft.mean, prefill, 1e-9 * prefill);
  EXPECT_NEAR(r.tpot.mean, decode, 1e-9 * decode);
}

INSTANTIATE_TEST_SUITE_P(MeasuredH100Shapes, PytorchStaticBatch,
                         testing::Values(StaticBatch{"pytorch_cuda_graphs", 1, 511},
                                         StaticBatch{"pytorch_cuda_graphs", 16, 2047},
                                         StaticBatch{"pytorch_cuda_graphs", 64, 511},
                                         StaticBatch{"pytorch_eager", 8, 1023},
                                         StaticBatch{"pytorch_eager", 32, 4095}),
                         test_names::ParameterName{});

TEST(PytorchEngines, CudaGraphsReplayOnlyTheDecodeStep) {
  // Same batch on both engines: prefill forwards launch eagerly on both, decode steps are cheaper with the graph.
  const ServingResult eager = served_offline({"pytorch_eager", 8, 1023});
  const ServingResult graphs = served_offline({"pytorch_cuda_graphs", 8, 1023});
  EXPECT_DOUBLE_EQ(eager.ttft.mean, graphs.ttft.mean);
  EXPECT_LT(graphs.tpot.mean, eager.tpot.mean);
}

TEST(PytorchEngines, ComputeLogitsForEveryTokenOfTheForwardFusedEnginesForTheSampledRows) {
  const BatchShape mixed{.prefill_tokens = 4096, .prefill_pairs = 4096.0 * 2048, .decode_seqs = 8,
                         .decode_context = 8 * 1000.0, .logit_rows = 10};
  EXPECT_EQ(engine_batch(mixed, EngineKind::pytorch_eager).logit_rows, 4096 + 8);
  EXPECT_EQ(engine_batch(mixed, EngineKind::fused).logit_rows, 10);
}

struct GraphUse {
  const char* engine;
  bool prefill_graphs, decode_graphs;
  EngineKind kernels;
};
std::string_view label(const GraphUse& c) { return c.engine; }
void PrintTo(const GraphUse& c, std::ostream* os) { *os << c.engine; }

class EngineGraphUse : public testing::TestWithParam<GraphUse> {};

TEST_P(EngineGraphUse, SetsTheKernelListAndWhichIterationsReplayAGraph) {
  const GraphUse& c = GetParam();
  ServingDeployment d;
  apply_engine_execution(*engine_preset_from_name(c.engine), d);
  EXPECT_EQ(d.engine, c.kernels);
  EXPECT_EQ(engine_step_options(d, PoolConfig{}, true).cuda_graphs, c.prefill_graphs);
  EXPECT_EQ(engine_step_options(d, PoolConfig{}, false).cuda_graphs, c.decode_graphs);
}

INSTANTIATE_TEST_SUITE_P(Engines, EngineGraphUse,
                         testing::Values(GraphUse{"vllm", true, true, EngineKind::fused},  // piecewise graphs
                                         GraphUse{"sglang", false, true, EngineKind::fused},  // decode graphs
                                         GraphUse{"trtllm", false, true, EngineKind::fused},  // decode graphs
                                         GraphUse{"pytorch_eager", false, false, EngineKind::pytorch_eager},
                                         GraphUse{"pytorch_cuda_graphs", false, true, EngineKind::pytorch_eager}),
                         test_names::ParameterName{});

}  // namespace
}  // namespace stargate
