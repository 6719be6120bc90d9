// CUDA-graph padding (cuda_graph_batches.h): each engine's captured batch sizes as its code generates them, and a
// decode-only iteration timed as the captured batch it replays (dummy rows through the linear layers and the LM
// head, no KV read), in the step model and in `serve`.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stargate/jobs/serve_job.h"
#include "stargate/scenario/scenario.h"
#include "stargate/serving/cuda_graph_batches.h"
#include "stargate/serving/engine_step.h"

namespace stargate {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

std::vector<int> trtllm(int max_batch) {
  return captured_batch_sizes(CudaGraphBatches::trtllm, {.max_batch_sequences = max_batch});
}

TEST(CudaGraphBatches, TensorRtLlmCapturesMultiplesOfEightThenPowersOfTwoThenItsMaxBatch) {
  std::vector<int> expected{1, 2, 4};
  for (int b = 8; b <= 128; b += 8) expected.push_back(b);
  for (int b : {256, 512, 1024, 2048, 4096}) expected.push_back(b);
  EXPECT_EQ(trtllm(4096), expected);
  const std::vector<int> sizes = trtllm(896);  // a max_batch_size that is no power of two closes the list
  ASSERT_GE(sizes.size(), 3u);
  EXPECT_EQ(std::vector<int>(sizes.end() - 3, sizes.end()), (std::vector<int>{256, 512, 896}));
  EXPECT_EQ(padded_decode_batch(trtllm(4096), 3605), 4096);
  EXPECT_EQ(padded_decode_batch(trtllm(4096), 129), 256);
  EXPECT_EQ(padded_decode_batch(trtllm(4096), 128), 128);
  EXPECT_EQ(padded_decode_batch(trtllm(896), 700), 896);
}

TEST(CudaGraphBatches, VllmCapturesUpToTwiceItsSequencesAtMost512AndRunsLargerBatchesUnpadded) {
  const std::vector<int> big = captured_batch_sizes(CudaGraphBatches::vllm,
                                                    {.max_batch_sequences = 1024, .max_batch_tokens = 16384});
  EXPECT_EQ(big.back(), 512);
  EXPECT_EQ(padded_decode_batch(big, 250), 256);
  EXPECT_EQ(padded_decode_batch(big, 257), 272);
  EXPECT_EQ(padded_decode_batch(big, 700), 700);  // above the largest graph: no graph, no padding
  const std::vector<int> small = captured_batch_sizes(CudaGraphBatches::vllm,
                                                      {.max_batch_sequences = 64, .max_batch_tokens = 8192});
  EXPECT_EQ(small.back(), 128);
  EXPECT_EQ(padded_decode_batch(small, 100), 104);
}

TEST(CudaGraphBatches, SglangSizesItsLargestGraphByMemoryAndTensorParallelism) {
  const auto sglang = [](int tp, double gib) {
    return captured_batch_sizes(CudaGraphBatches::sglang, {.tp = tp, .hbm_bytes = gib * kGiB});
  };
  EXPECT_EQ(sglang(1, 80).back(), 256);
  EXPECT_EQ(sglang(8, 80).back(), 512);
  EXPECT_EQ(sglang(1, 141).back(), 256);
  EXPECT_EQ(sglang(1, 180).back(), 512);
  EXPECT_EQ(sglang(1, 40).back(), 32);
  EXPECT_EQ(padded_decode_batch(sglang(1, 80), 300), 300);
  EXPECT_EQ(padded_decode_batch(sglang(8, 80), 300), 304);
  EXPECT_EQ(padded_decode_batch(sglang(8, 80), 10), 12);
  EXPECT_TRUE(captured_batch_sizes(CudaGraphBatches::exact, {.max_batch_sequences = 64}).empty());
}

TEST(CudaGraphBatches, OnlyDecodeOnlyIterationsArePaddedWithTheirDraftTokens) {
  const std::vector<int> sizes = trtllm(1024);
  const BatchShape decode{.decode_seqs = 700, .decode_context = 700 * 128.0, .logit_rows = 700};
  const BatchShape padded = engine_batch(decode, EngineKind::fused, sizes);
  EXPECT_EQ(padded.padding_rows, 324);
  EXPECT_EQ(padded.logit_rows, 1024);
  EXPECT_EQ(padded.tokens(), 1024);
  EXPECT_EQ(padded.decode_seqs, 700);  // attention reads the real sequences' KV only
  BatchShape mixed = decode;
  mixed.prefill_tokens = 16;
  mixed.prefill_pairs = 16 * 8;
  EXPECT_EQ(engine_batch(mixed, EngineKind::fused, sizes).padding_rows, 0);  // launched without a graph
  EXPECT_EQ(engine_batch(decode, EngineKind::fused, {}).padding_rows, 0);
  // 100 sequences verifying 2 draft tokens each replay the graph of 104: 4 dummies of 3 rows.
  const BatchShape speculating{.decode_seqs = 100, .decode_context = 100 * 500.0, .logit_rows = 300, .draft_tokens = 200};
  const BatchShape s = engine_batch(speculating, EngineKind::fused, sizes);
  EXPECT_EQ(s.padding_rows, 12);
  EXPECT_EQ(s.logit_rows, 312);
}

const char* kStaticDecode = R"(name: static decode
cluster: {accelerator: h100-sxm, gpus: 1}
model: llama3.1-8b
serving:
  engine: trtllm
  weights: fp8
  kv_cache_dtype: fp8
  scheduler: {max_batch_sequences: 1024, max_batch_tokens: 100000}
  workload: {arrival: offline, requests: 700, input: 127, output: 2}
)";

Scenario parsed(const std::string& yaml) {
  Result<Scenario> s = parse_scenario(yaml, "static.yaml");
  EXPECT_TRUE(s.ok()) << s.error().to_string();
  return s.value();
}

TEST(CudaGraphBatches, PaddingRowsCostTheLinearLayersAndLmHeadOfThoseRows) {
  const Scenario sc = parsed(kStaticDecode);
  const ServingDeployment& d = sc.serving->deployment;
  StepTimeModel steps(sc.model, sc.cluster, engine_step_options(d, d.pool, false));
  const BatchShape decode{.decode_seqs = 700, .decode_context = 700 * 128.0, .logit_rows = 700};
  const BatchShape padded = engine_batch(decode, d.engine, trtllm(1024));
  // Llama 3.1 8B per token: 32 layers of q, o (4096²), k, v (4096 × 1024) and gate, up, down (4096 × 14336), and
  // the LM head (4096 × 128,256): 2 FLOPs per parameter for each of the 324 dummy rows; the attention unchanged.
  const double layer = 2 * 4096.0 * 4096 + 2 * 4096.0 * 1024 + 3 * 4096.0 * 14336;
  const double per_row = 2 * (32 * layer + 4096.0 * 128256);
  EXPECT_NEAR(steps.work(padded).flops_per_gpu - steps.work(decode).flops_per_gpu, 324 * per_row, 1e-9 * 324 * per_row);
  EXPECT_GT(steps.seconds(padded), steps.seconds(decode));
}

TEST(CudaGraphBatches, ServeTimesADecodeStepAsTheGraphItReplays) {
  for (const char* rule : {"trtllm", "exact"}) {
    SCOPED_TRACE(rule);
    const Scenario sc = parsed(std::string(kStaticDecode) + "  cuda_graph_batches: " + rule + "\n");
    const ServingDeployment& d = sc.serving->deployment;
    EXPECT_EQ(d.cuda_graph_batches, std::string(rule) == "trtllm" ? CudaGraphBatches::trtllm : CudaGraphBatches::exact);
    Result<ServingResult> r = run_offline_job(sc, 700);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    ASSERT_EQ(r.value().iterations, 2);  // the whole batch prefilled at once, then one decode step of 700
    StepTimeModel steps(sc.model, sc.cluster, engine_step_options(d, d.pool, false));
    const BatchShape decode{.decode_seqs = 700, .decode_context = 700 * 128.0, .logit_rows = 700};
    const std::vector<int> sizes = std::string(rule) == "trtllm" ? trtllm(1024) : std::vector<int>{};
    const double step = steps.seconds(engine_batch(decode, d.engine, sizes));
    EXPECT_NEAR(r.value().tpot.mean, step, 1e-9 * step);
  }
}

TEST(CudaGraphBatches, TheEnginePresetsSetTheirOwnRule) {
  EXPECT_EQ(parsed(kStaticDecode).serving->deployment.cuda_graph_batches, CudaGraphBatches::trtllm);
  std::string yaml = kStaticDecode;
  yaml.replace(yaml.find("engine: trtllm"), 14, "engine: sglang");
  EXPECT_EQ(parsed(yaml).serving->deployment.cuda_graph_batches, CudaGraphBatches::sglang);
  Result<Scenario> bad = parse_scenario(std::string(kStaticDecode) + "  cuda_graph_batches: trt\n", "static.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().to_string().find("static.yaml:10"), std::string::npos) << bad.error().to_string();
  EXPECT_NE(bad.error().to_string().find("cuda_graph_batches"), std::string::npos) << bad.error().to_string();
}

}  // namespace
}  // namespace stargate
