// The engine's host time per iteration (ServingDeployment::host_seconds_per_sequence) and the iterations that
// launch eagerly because they prefill (eager_prefill), derived by hand on a static batch:
//   - 700 requests of P + 2 tokens, queued at t = 0, all admitted at once: one prefill iteration of 700 prompts,
//     then one decode iteration of 700 sequences;
//   - the engine prepares each sequence of an iteration on the host ahead of the GPU, so an iteration lasts
//     max(GPU step, 700 × host time per sequence): 1 ms per sequence is 0.7 s for either iteration when the GPU
//     needs less (P = 15: 11,200 prompt tokens); 1 µs per sequence is 0.7 ms, under the GPU's decode step, which
//     is then the iteration (P = 127);
//   - the GPU is busy for its steps only: with 1 ms per sequence, busy = (prefill + decode GPU steps) / 1.4 s.
#include <gtest/gtest.h>

#include <string>

#include "stargate/jobs/serve_job.h"
#include "stargate/scenario/scenario.h"
#include "stargate/serving/cuda_graph_batches.h"
#include "stargate/serving/engine_defaults.h"
#include "stargate/serving/engine_step.h"
#include "static_batch_scenario.h"

namespace stargate {
namespace {

const std::string kStaticBatch = testing_serving::kStaticBatchYaml;

Scenario parsed(const std::string& yaml) { return testing_serving::parse_static_batch(yaml); }

// The decode iteration's GPU time: the captured graph of 1,024 it replays (TensorRT-LLM's rule).
double decode_gpu_seconds(const Scenario& sc) {
  const ServingDeployment& d = sc.serving->deployment;
  StepTimeModel steps(sc.model, sc.cluster, engine_step_options(d, d.pool, false));
  const BatchShape decode{.decode_seqs = 700, .decode_context = 700 * 128.0, .logit_rows = 700};
  return steps.seconds(engine_batch(decode, d.engine, cuda_graph_padding(d.cuda_graph_batches, {.max_batch_sequences = 1024})));
}

TEST(EngineHostTime, AnIterationLastsAsLongAsTheHostTakesToPrepareItsSequencesWhenThatIsLonger) {
  std::string yaml = kStaticBatch + "  host_time_per_sequence: 1ms\n";
  yaml.replace(yaml.find("input: 127"), 10, "input: 15");
  const Scenario sc = parsed(yaml);
  ASSERT_LT(decode_gpu_seconds(sc), 0.1);  // the premise: the GPU's steps are shorter than 0.7 s
  Result<ServingResult> r = run_offline_job(sc, 700);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r.value().iterations, 2);
  EXPECT_NEAR(r.value().tpot.mean, 0.7, 1e-9);  // 700 × 1 ms
  EXPECT_NEAR(r.value().ttft.mean, 0.7, 1e-9);  // the prefill iteration too
  EXPECT_NEAR(r.value().duration, 1.4, 1e-9);
  // The GPU works its two steps and waits for the host for the rest: busy is the GPU steps' share of 1.4 s, the
  // same GPU-seconds as the run without host time, where the GPU never waits.
  std::string no_host = yaml;
  no_host.replace(no_host.find("host_time_per_sequence: 1ms"), 27, "host_time_per_sequence: 0s");
  Result<ServingResult> gpu_only = run_offline_job(parsed(no_host), 700);
  ASSERT_TRUE(gpu_only.ok()) << gpu_only.error().to_string();
  EXPECT_NEAR(gpu_only.value().busy_fraction, 1.0, 1e-9);
  EXPECT_NEAR(r.value().busy_fraction, gpu_only.value().duration / 1.4, 1e-9);
}

TEST(EngineHostTime, TheGpuStepSetsTheIterationWhenTheHostKeepsAhead) {
  const Scenario sc = parsed(kStaticBatch + "  host_time_per_sequence: 1us\n");
  const double step = decode_gpu_seconds(sc);
  ASSERT_GT(step, 700e-6);
  Result<ServingResult> r = run_offline_job(sc, 700);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_NEAR(r.value().tpot.mean, step, 1e-9 * step);
}

TEST(EngineHostTime, TensorRtLlmPresetPreparesEachRequestOnTheHostAndPrefillsEagerly) {
  const ServingDeployment trtllm = parsed(kStaticBatch).serving->deployment;
  EXPECT_DOUBLE_EQ(trtllm.host_seconds_per_sequence, 45.11e-3 / 1536);  // PR #10273's 45.11 ms at 1,536 requests
  EXPECT_TRUE(trtllm.eager_prefill);  // DecodingCUDAGraphRunner: generation-only batches
  std::string yaml = kStaticBatch;
  yaml.replace(yaml.find("engine: trtllm"), 14, "engine: sglang");
  const ServingDeployment sglang = parsed(yaml).serving->deployment;
  EXPECT_EQ(sglang.host_seconds_per_sequence, 0);
  EXPECT_TRUE(sglang.eager_prefill);  // extend batches run outside its CUDA graphs
  yaml.replace(yaml.find("engine: sglang"), 14, "engine: vllm  ");
  EXPECT_FALSE(parsed(yaml).serving->deployment.eager_prefill);  // piecewise graphs cover mixed batches
}

TEST(EngineHostTime, ANegativeOrMisspelledHostTimeIsAnErrorAtItsLine) {
  Result<Scenario> negative = parse_scenario(kStaticBatch + "  host_time_per_sequence: -1us\n", "s.yaml");
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.error().to_string().find("s.yaml:10"), std::string::npos) << negative.error().to_string();
  EXPECT_NE(negative.error().to_string().find("host_time_per_sequence"), std::string::npos);
  Result<Scenario> unit = parse_scenario(kStaticBatch + "  host_time_per_sequence: 3GB\n", "s.yaml");
  ASSERT_FALSE(unit.ok());
  EXPECT_NE(unit.error().to_string().find("s.yaml:10"), std::string::npos) << unit.error().to_string();
}

}  // namespace
}  // namespace stargate
