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
#include "static_batch_scenario.h"

namespace stargate {
namespace {

constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

std::vector<int> sizes(CudaGraphBatches rule, const CudaGraphLimits& limits) {
  return cuda_graph_padding(rule, limits).sizes;
}
std::vector<int> trtllm_1_0(int max_batch) { return sizes(CudaGraphBatches::trtllm_1_0, {.max_batch_sequences = max_batch}); }
int padded(const std::vector<int>& captured, int n) { return captured_size(captured, n).value_or(n); }

TEST(CudaGraphBatches, TensorRtLlm10CapturesMultiplesOfEightThenPowersOfTwoThenItsMaxBatch) {
  std::vector<int> expected{1, 2, 4};
  for (int b = 8; b <= 128; b += 8) expected.push_back(b);
  for (int b : {256, 512, 1024, 2048, 4096}) expected.push_back(b);
  EXPECT_EQ(trtllm_1_0(4096), expected);
  const std::vector<int> odd = trtllm_1_0(896);  // a max_batch_size that is no power of two closes the list
  ASSERT_GE(odd.size(), 3u);
  EXPECT_EQ(std::vector<int>(odd.end() - 3, odd.end()), (std::vector<int>{256, 512, 896}));
  EXPECT_EQ(padded(trtllm_1_0(4096), 3605), 4096);
  EXPECT_EQ(padded(trtllm_1_0(4096), 129), 256);
  EXPECT_EQ(padded(trtllm_1_0(4096), 128), 128);
  EXPECT_EQ(padded(trtllm_1_0(896), 700), 896);
}

TEST(CudaGraphBatches, TensorRtLlmSince13StepsBy64) {
  const std::vector<int> s = sizes(CudaGraphBatches::trtllm, {.max_batch_sequences = 1000});
  EXPECT_EQ(std::vector<int>(s.begin() + 18, s.begin() + 22), (std::vector<int>{128, 192, 256, 320}));
  EXPECT_EQ(s.back(), 1000);  // 960 is the last step of 64, then max_batch_size itself
  EXPECT_EQ(s[s.size() - 2], 960);
  EXPECT_EQ(padded(s, 3605 % 1000), 640);   // 605 → 640
  EXPECT_EQ(padded(s, 961), 1000);
}

TEST(CudaGraphBatches, VllmCapturesTokensUpToTwiceItsQueryTokensAtMost512AndRunsLargerBatchesUnpadded) {
  const CudaGraphPadding big = cuda_graph_padding(CudaGraphBatches::vllm,
                                                  {.max_batch_sequences = 1024, .max_batch_tokens = 16384});
  EXPECT_TRUE(big.by_tokens);
  EXPECT_TRUE(big.pads_mixed);
  EXPECT_FALSE(big.dummy_logits);
  EXPECT_EQ(big.sizes.back(), 512);
  EXPECT_EQ(padded(big.sizes, 250), 256);
  EXPECT_EQ(padded(big.sizes, 257), 272);
  EXPECT_FALSE(captured_size(big.sizes, 700));  // above the largest graph: no graph, no padding
  EXPECT_EQ(sizes(CudaGraphBatches::vllm, {.max_batch_sequences = 64, .max_batch_tokens = 8192}).back(), 128);
  // Speculative decoding with 3 draft tokens: 4 query tokens per sequence, 2 · 16 · 4 = 128 tokens captured.
  EXPECT_EQ(sizes(CudaGraphBatches::vllm, {.max_batch_sequences = 16, .max_batch_tokens = 8192,
                                           .decode_query_tokens = 4}).back(), 128);
}

TEST(CudaGraphBatches, SglangSizesItsLargestGraphByMemoryTensorParallelismAndRunningRequests) {
  const auto sglang = [](int tp, double gib, int running = 0, int query_tokens = 1) {
    return sizes(CudaGraphBatches::sglang, {.max_batch_sequences = running, .tp = tp, .hbm_bytes = gib * kGiB,
                                            .decode_query_tokens = query_tokens});
  };
  EXPECT_EQ(sglang(1, 80).back(), 256);
  EXPECT_EQ(sglang(8, 80).back(), 512);
  EXPECT_EQ(sglang(1, 141).back(), 256);
  EXPECT_EQ(sglang(1, 180).back(), 512);
  EXPECT_EQ(sglang(1, 40).back(), 32);
  EXPECT_FALSE(captured_size(sglang(1, 80), 300));
  EXPECT_EQ(padded(sglang(8, 80), 300), 304);
  EXPECT_EQ(padded(sglang(8, 80), 10), 12);
  // max_running_requests 100: no graph above it, and 100 itself captured.
  EXPECT_EQ(sglang(8, 80, 100).back(), 100);
  EXPECT_EQ(padded(sglang(8, 80, 100), 99), 100);
  // Speculative decoding: the finer list (1…8, 10…32 by 2, 40…64 by 4, …).
  EXPECT_EQ(padded(sglang(8, 80, 0, 4), 9), 10);
  EXPECT_EQ(padded(sglang(8, 80, 0, 4), 33), 40);
  EXPECT_TRUE(sizes(CudaGraphBatches::exact, {.max_batch_sequences = 64}).empty());
}

TEST(CudaGraphBatches, SequenceGraphsPadOnlyDecodeOnlyIterationsWithTheirDraftTokens) {
  const CudaGraphPadding trt = cuda_graph_padding(CudaGraphBatches::trtllm_1_0, {.max_batch_sequences = 1024});
  const BatchShape decode{.decode_seqs = 700, .decode_context = 700 * 128.0, .logit_rows = 700};
  const BatchShape padded_decode = engine_batch(decode, EngineKind::fused, trt);
  EXPECT_EQ(padded_decode.padding_rows, 324);
  EXPECT_EQ(padded_decode.logit_rows, 1024);  // TensorRT-LLM samples its dummy requests
  EXPECT_EQ(padded_decode.tokens(), 1024);
  EXPECT_EQ(padded_decode.decode_seqs, 700);  // attention reads the real sequences' KV only
  BatchShape mixed = decode;
  mixed.prefill_tokens = 16;
  mixed.prefill_pairs = 16 * 8;
  EXPECT_EQ(engine_batch(mixed, EngineKind::fused, trt).padding_rows, 0);  // launched without a graph
  EXPECT_EQ(engine_batch(decode, EngineKind::fused).padding_rows, 0);
  // 100 sequences verifying 2 draft tokens each replay the graph of 104: 4 dummies of 3 rows.
  const BatchShape speculating{.decode_seqs = 100, .decode_context = 100 * 500.0, .logit_rows = 300, .draft_tokens = 200};
  const BatchShape s = engine_batch(speculating, EngineKind::fused, trt);
  EXPECT_EQ(s.padding_rows, 12);
  EXPECT_EQ(s.logit_rows, 312);
  // A lockstep group whose largest rank holds 117 sequences replays the graph of 120 on every rank (past 128 the
  // next is 256).
  EXPECT_EQ(engine_batch(decode, EngineKind::fused, trt, 2000).padding_rows, 0);  // above max: no graph
  const BatchShape small{.decode_seqs = 100, .decode_context = 100 * 128.0, .logit_rows = 100};
  EXPECT_EQ(engine_batch(small, EngineKind::fused, trt, 117).padding_rows, 20);
  EXPECT_EQ(engine_batch(small, EngineKind::fused, trt, 129).padding_rows, 156);
}

TEST(CudaGraphBatches, VllmPadsTokensOfMixedBatchesTooAndSamplesNoDummyRows) {
  const CudaGraphPadding v = cuda_graph_padding(CudaGraphBatches::vllm, {.max_batch_sequences = 256, .max_batch_tokens = 8192});
  const BatchShape mixed{.prefill_tokens = 100, .prefill_pairs = 100 * 50.0, .decode_seqs = 50,
                         .decode_context = 50 * 300.0, .logit_rows = 51};
  const BatchShape m = engine_batch(mixed, EngineKind::fused, v);
  EXPECT_EQ(m.padding_rows, 2);  // 150 tokens → the 152-token piecewise graph
  EXPECT_EQ(m.logit_rows, 51);
  const BatchShape big{.prefill_tokens = 2000, .prefill_pairs = 2000 * 1000.0, .logit_rows = 1};
  EXPECT_EQ(engine_batch(big, EngineKind::fused, v).padding_rows, 0);  // above 512 tokens: no graph
}

// The GPU step alone (engine_host_time_test.cc has the host's).
const std::string kStaticDecode = std::string(testing_serving::kStaticBatchYaml) + "  host_time_per_sequence: 0s\n";

Scenario parsed(const std::string& yaml) { return testing_serving::parse_static_batch(yaml); }

TEST(CudaGraphBatches, PaddingRowsCostTheLinearLayersAndLmHeadOfThoseRows) {
  const Scenario sc = parsed(kStaticDecode);
  const ServingDeployment& d = sc.serving->deployment;
  StepTimeModel steps(sc.model, sc.cluster, engine_step_options(d, d.pool, false));
  const BatchShape decode{.decode_seqs = 700, .decode_context = 700 * 128.0, .logit_rows = 700};
  const BatchShape padded =
      engine_batch(decode, d.engine, cuda_graph_padding(CudaGraphBatches::trtllm_1_0, {.max_batch_sequences = 1024}));
  // Llama 3.1 8B per token: 32 layers of q, o (4096²), k, v (4096 × 1024) and gate, up, down (4096 × 14336), and
  // the LM head (4096 × 128,256): 2 FLOPs per parameter for each of the 324 dummy rows; the attention unchanged.
  const double layer = 2 * 4096.0 * 4096 + 2 * 4096.0 * 1024 + 3 * 4096.0 * 14336;
  const double per_row = 2 * (32 * layer + 4096.0 * 128256);
  EXPECT_NEAR(steps.work(padded).flops_per_gpu - steps.work(decode).flops_per_gpu, 324 * per_row, 1e-9 * 324 * per_row);
  EXPECT_GT(steps.seconds(padded), steps.seconds(decode));
}

TEST(CudaGraphBatches, ServeTimesADecodeStepAsTheGraphItReplays) {
  for (const char* rule : {"trtllm_1_0", "trtllm", "exact"}) {
    SCOPED_TRACE(rule);
    const Scenario sc = parsed(std::string(kStaticDecode) + "  cuda_graph_batches: " + rule + "\n");
    const ServingDeployment& d = sc.serving->deployment;
    const std::string name = rule;
    EXPECT_EQ(d.cuda_graph_batches, name == "trtllm"       ? CudaGraphBatches::trtllm
                                    : name == "trtllm_1_0" ? CudaGraphBatches::trtllm_1_0
                                                           : CudaGraphBatches::exact);
    Result<ServingResult> r = run_offline_job(sc, 700);
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    ASSERT_EQ(r.value().iterations, 2);  // the whole batch prefilled at once, then one decode step of 700
    StepTimeModel steps(sc.model, sc.cluster, engine_step_options(d, d.pool, false));
    const BatchShape decode{.decode_seqs = 700, .decode_context = 700 * 128.0, .logit_rows = 700};
    const CudaGraphPadding padding = cuda_graph_padding(d.cuda_graph_batches, {.max_batch_sequences = 1024});
    const double step = steps.seconds(engine_batch(decode, d.engine, padding));
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
  EXPECT_NE(bad.error().to_string().find("static.yaml:11"), std::string::npos) << bad.error().to_string();
  EXPECT_NE(bad.error().to_string().find("cuda_graph_batches"), std::string::npos) << bad.error().to_string();
  // Padding needs CUDA graphs.
  Result<Scenario> eager = parse_scenario(std::string(kStaticDecode) + "  cuda_graphs: false\n  cuda_graph_batches: trtllm\n",
                                          "static.yaml");
  ASSERT_FALSE(eager.ok());
  EXPECT_NE(eager.error().to_string().find("static.yaml:12"), std::string::npos) << eager.error().to_string();
}

}  // namespace
}  // namespace stargate
