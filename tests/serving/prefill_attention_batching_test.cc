// Several prompts prefilled in one iteration run as one variable-length flash call: each prompt attends to its
// own tokens only (serving/step_time.h prefill_flash_call), never to the prompts batched before it.
#include <gtest/gtest.h>

#include "serving_fixture.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/serving/step_time.h"

namespace stargate {
namespace {

using testing_serving::h100;
using testing_serving::llama8b;

struct FlashCallRow {
  double queries, pairs;  // an iteration's prefill chunks
  FlashCall expected;
};

TEST(PrefillFlashCall, EqualPromptsBecomeABatchAndChunksAfterContextOneLongerKeyRange) {
  const FlashCallRow rows[] = {
      {2048, 2048.0 * 2048 / 2, {.batch = 1, .s_q = 2048, .s_kv = 2048}},          // one prompt
      {4 * 2048, 4 * 2048.0 * 2048 / 2, {.batch = 4, .s_q = 2048, .s_kv = 2048}},  // four prompts of 2048
      {64 * 128, 64 * 128.0 * 128 / 2, {.batch = 64, .s_q = 128, .s_kv = 128}},    // 64 prompts of 128
      {512, 512.0 * 3000 + 512.0 * 512 / 2, {.batch = 1, .s_q = 512, .s_kv = 3512}},  // chunk after 3000 cached
      {4, 4 * 0.5, {.batch = 4, .s_q = 1, .s_kv = 1}},  // four one-token prompts
  };
  for (const FlashCallRow& r : rows) {
    const FlashCall call = prefill_flash_call(r.queries, r.pairs);
    EXPECT_DOUBLE_EQ(call.batch, r.expected.batch) << r.queries << " queries, " << r.pairs << " pairs";
    EXPECT_DOUBLE_EQ(call.s_q, r.expected.s_q) << r.queries;
    EXPECT_DOUBLE_EQ(call.s_kv, r.expected.s_kv) << r.queries;
    // Same queries and same causal pairs as the chunks it stands for.
    EXPECT_DOUBLE_EQ(call.batch * call.s_q, r.queries);
    EXPECT_DOUBLE_EQ(call.batch * (call.s_q * call.s_kv - call.s_q * call.s_q / 2), r.pairs);
  }
  EXPECT_DOUBLE_EQ(prefill_flash_call(0, 0).batch, 0);
}

TEST(PrefillFlashCall, FourPromptsCostTheirOwnAttentionNotOneCausalSequenceOfAllTheirTokens) {
  // Same 8192 tokens through the linear layers; only attention differs: 4 x 2048-token prompts against one
  // 8192-token prompt. The difference is the kernel model's batch-4 call vs the one long causal call, per layer.
  StepTimeModel st(llama8b(), h100(), StepTimeOptions{.weights = Dtype::fp8, .kv_bytes_per_element = 1,
                                                      .cuda_graphs = true});
  const double four = st.seconds(BatchShape{.prefill_tokens = 8192, .prefill_pairs = 4 * 2048.0 * 2048 / 2,
                                            .logit_rows = 4});
  const double one = st.seconds(BatchShape{.prefill_tokens = 8192, .prefill_pairs = 8192.0 * 8192 / 2,
                                           .logit_rows = 4});
  const KernelCostModel k = KernelCostModel::for_device(h100().accelerator, KernelCostOptions{.cuda_graphs = true});
  const double layers = llama8b().layers;
  const double expected = layers * (k.attention_forward_seconds(1, 32, 8, 128, 8192, 8192, true) -
                                    k.attention_forward_seconds(4, 32, 8, 128, 2048, 2048, true));
  EXPECT_GT(expected, 0);
  EXPECT_NEAR(one - four, expected, 1e-9);
  // The four prompts' attention is no more than four separate 2048-token prompts.
  EXPECT_LE(layers * k.attention_forward_seconds(4, 32, 8, 128, 2048, 2048, true),
            4 * layers * k.attention_forward_seconds(1, 32, 8, 128, 2048, 2048, true) * (1 + 1e-12));
}

}  // namespace
}  // namespace stargate
