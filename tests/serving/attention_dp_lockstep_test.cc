// Attention data parallelism in lockstep (serving_run.h start_lockstep, StepTimeModel::lockstep_seconds): the
// attention ranks of one replica run every iteration together, as SGLang's DP attention and TensorRT-LLM's
// enable_attention_dp do (their MoE layers exchange every rank's tokens). Derived by hand on two ranks:
//   - request A (2,000-token prompt) lands on rank 0, request B (16 tokens) on rank 1, both at t = 0;
//   - the first iteration prefills both; it lasts as long as the slower rank: A's prompt, with the MoE layers
//     priced on the ranks' mean token count (1,008), not on either rank's own;
//   - so B's first token comes with A's, at that iteration's end, not after its own 16-token prefill.
#include <gtest/gtest.h>

#include <algorithm>

#include "stargate/catalog/catalog.h"
#include "stargate/serving/engine_step.h"
#include "stargate/serving/simulator.h"
#include "stargate/serving/step_time.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

Cluster h100(int gpus) {
  const Catalog& c = Catalog::builtin();
  return Cluster{*c.find_accelerator("h100-sxm"), *c.find_node("dgx-h100"), c.default_scale_out_fabric(), gpus};
}

const ModelSpec& qwen3_moe() { return *ModelCatalog::builtin().find("qwen3-30b-a3b"); }

ServingConfig two_ranks() {
  ServingConfig c;
  c.deployment.pool = PoolConfig{.replicas = 1, .tp = 2, .attention_dp = 2, .ep = 2};
  c.deployment.weights = Dtype::fp8;
  c.deployment.router = RouterPolicy::round_robin;
  return c;
}

BatchShape prefill(int tokens) {
  return BatchShape{.prefill_tokens = tokens, .prefill_pairs = double(tokens) * tokens / 2, .logit_rows = 1};
}

TEST(AttentionDpLockstep, EqualBatchesCostWhatOneRankAloneCosts) {
  const ServingConfig c = two_ranks();
  StepTimeModel st(qwen3_moe(), h100(2), engine_step_options(c.deployment, c.deployment.pool, true));
  const BatchShape decode{.decode_seqs = 64, .decode_context = 64 * 1000.0, .logit_rows = 64};
  EXPECT_DOUBLE_EQ(st.lockstep_seconds(decode, 64), st.seconds(decode));
  EXPECT_DOUBLE_EQ(st.lockstep_seconds(prefill(512), 512), st.seconds(prefill(512)));
  // The MoE layers follow the group's tokens: a rank with a small batch beside a large one pays more than alone.
  EXPECT_GT(st.lockstep_seconds(prefill(16), 1008), st.seconds(prefill(16)));
  EXPECT_LT(st.lockstep_seconds(prefill(2000), 1008), st.seconds(prefill(2000)));
  // Two-batch overlap: each micro-batch's MoE layers carry half the group's tokens.
  ServingConfig tbo = c;
  tbo.deployment.moe.two_batch_overlap = true;
  StepTimeModel overlapped(qwen3_moe(), h100(2), engine_step_options(tbo.deployment, tbo.deployment.pool, true));
  EXPECT_DOUBLE_EQ(overlapped.lockstep_seconds(prefill(512), 512), overlapped.seconds(prefill(512)));
  EXPECT_GT(overlapped.lockstep_seconds(prefill(16), 1008), overlapped.seconds(prefill(16)));
}

TEST(AttentionDpLockstep, ASmallPromptBesideALargeOneGetsItsFirstTokenWithTheLargeOne) {
  const ServingConfig c = two_ranks();
  std::vector<ServingRequest> requests{{.arrival = 0, .input_tokens = 2000, .output_tokens = 1},
                                       {.arrival = 0, .input_tokens = 16, .output_tokens = 1}};
  Result<ServingResult> r = simulate_serving(qwen3_moe(), h100(2), c, requests);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r.value().completed, 2);
  StepTimeModel st(qwen3_moe(), h100(2), engine_step_options(c.deployment, c.deployment.pool, true));
  const double mean_tokens = (2000 + 16) / 2.0;
  const double iteration = std::max(st.lockstep_seconds(prefill(2000), mean_tokens),
                                    st.lockstep_seconds(prefill(16), mean_tokens));
  // Both first tokens at the end of the one iteration: the mean TTFT is that iteration.
  EXPECT_NEAR(r.value().ttft.mean, iteration, 1e-9 * iteration);
  // Alone, the 16-token prompt would have been done far sooner.
  EXPECT_LT(st.seconds(prefill(16)), 0.5 * iteration);
}

TEST(AttentionDpLockstep, RanksWithoutAttentionDataParallelismStillStepAlone) {
  ServingConfig c = two_ranks();
  c.deployment.pool = PoolConfig{.replicas = 2, .tp = 1};
  std::vector<ServingRequest> requests{{.arrival = 0, .input_tokens = 2000, .output_tokens = 1},
                                       {.arrival = 0, .input_tokens = 16, .output_tokens = 1}};
  Result<ServingResult> r = simulate_serving(qwen3_moe(), h100(2), c, requests);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  StepTimeModel st(qwen3_moe(), h100(1), engine_step_options(c.deployment, c.deployment.pool, true));
  const double expected = (st.seconds(prefill(2000)) + st.seconds(prefill(16))) / 2;
  EXPECT_NEAR(r.value().ttft.mean, expected, 1e-9 * expected);
}

TEST(AttentionDpLockstep, RanksReplayTheLargestRanksCudaGraph) {
  // Five two-token requests at t = 0: round robin puts 3 requests on rank 0 and 2 on rank 1; their decode
  // iteration replays TensorRT-LLM's graph for the larger rank's 3 sequences, 4, on both ranks (1 and 2 dummies).
  ServingConfig c = two_ranks();
  c.deployment.cuda_graph_batches = CudaGraphBatches::trtllm;
  std::vector<ServingRequest> requests(5, ServingRequest{.arrival = 0, .input_tokens = 16, .output_tokens = 2});
  Result<ServingResult> r = simulate_serving(qwen3_moe(), h100(2), c, requests);
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r.value().completed, 5);
  StepTimeModel st(qwen3_moe(), h100(2), engine_step_options(c.deployment, c.deployment.pool, false));
  const CudaGraphPadding padding =
      cuda_graph_padding(CudaGraphBatches::trtllm, {.max_batch_sequences = c.scheduler.max_batch_sequences});
  auto decode = [](int seqs) {
    return BatchShape{.decode_seqs = seqs, .decode_context = seqs * 17.0, .logit_rows = seqs};
  };
  const BatchShape rank0 = engine_batch(decode(3), EngineKind::fused, padding, 3);
  const BatchShape rank1 = engine_batch(decode(2), EngineKind::fused, padding, 3);
  ASSERT_EQ(rank0.tokens(), 4);
  ASSERT_EQ(rank1.tokens(), 4);
  const double iteration = std::max(st.lockstep_seconds(rank0, 4), st.lockstep_seconds(rank1, 4));
  EXPECT_NEAR(r.value().tpot.mean, iteration, 1e-9 * iteration);
}


}  // namespace
}  // namespace stargate
