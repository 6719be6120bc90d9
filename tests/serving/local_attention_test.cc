// Windowed attention layers (ModelSpec::local_attention) in the serving step, derived by hand: a layer whose
// queries see at most W keys costs what a full-attention layer costs at W keys, so
//   - sliding window W on every layer, decoding at 4W cached tokens = the plain model decoding at W;
//   - chunked (chunk W) on every layer, decoding deep past the first chunk = the plain model at W / 2;
//   - half the layers windowed = the mean of the two (the other work is the same tokens);
//   - one prompt of 8W tokens with a sliding window W = the plain model prefilling four prompts of 2W tokens
//     (the same 8W² query-key pairs: every query past the first 2W sees W keys; sliding's exact count is
//     8W·W − W²/2, the model's q·W bound).
#include <gtest/gtest.h>

#include "serving_fixture.h"
#include "stargate/serving/step_time.h"

namespace stargate {
namespace {

using testing_serving::h100;
using testing_serving::llama8b;

constexpr int kWindow = 1024;

ModelSpec windowed(LocalAttention::Kind kind, int layers) {
  ModelSpec m = llama8b();
  m.local_attention = LocalAttention{.kind = kind, .window = kWindow, .layers = layers};
  return m;
}

double decode_seconds(const ModelSpec& m, double context) {
  StepTimeModel st(m, h100(), StepTimeOptions{.weights = Dtype::fp8, .kv_bytes_per_element = 1});
  return st.seconds(BatchShape{.decode_seqs = 64, .decode_context = 64 * context, .logit_rows = 64});
}

TEST(LocalAttention, SlidingLayersDecodeAsIfTheContextWereTheWindow) {
  const double windowed_step = decode_seconds(windowed(LocalAttention::Kind::sliding, 32), 4 * kWindow);
  EXPECT_NEAR(windowed_step, decode_seconds(llama8b(), kWindow), 1e-12);
  EXPECT_LT(windowed_step, decode_seconds(llama8b(), 4 * kWindow));
  // Within the window nothing changes.
  EXPECT_NEAR(decode_seconds(windowed(LocalAttention::Kind::sliding, 32), 512), decode_seconds(llama8b(), 512), 1e-12);
}

TEST(LocalAttention, ChunkedLayersReadHalfAChunkOnAveragePastTheFirstChunk) {
  EXPECT_NEAR(decode_seconds(windowed(LocalAttention::Kind::chunked, 32), 8 * kWindow),
              decode_seconds(llama8b(), kWindow / 2), 1e-12);
  EXPECT_NEAR(decode_seconds(windowed(LocalAttention::Kind::chunked, 32), 700), decode_seconds(llama8b(), 700), 1e-12);
}

TEST(LocalAttention, WindowedLayersAddUpWithTheFullOnes) {
  const double half = decode_seconds(windowed(LocalAttention::Kind::sliding, 16), 4 * kWindow);
  const double all = decode_seconds(windowed(LocalAttention::Kind::sliding, 32), 4 * kWindow);
  const double none = decode_seconds(llama8b(), 4 * kWindow);
  EXPECT_NEAR(half, (all + none) / 2, 1e-12);
}

TEST(LocalAttention, ALongPromptUnderASlidingWindowPrefillsLikeShortPromptsOfTwiceTheWindow) {
  const double q = 8 * kWindow;
  StepTimeModel local(windowed(LocalAttention::Kind::sliding, 32), h100(), StepTimeOptions{.weights = Dtype::fp8});
  StepTimeModel plain(llama8b(), h100(), StepTimeOptions{.weights = Dtype::fp8});
  const double one_prompt = local.seconds(BatchShape{.prefill_tokens = int(q), .prefill_pairs = q * q / 2, .logit_rows = 1});
  const double four_prompts =
      plain.seconds(BatchShape{.prefill_tokens = int(q), .prefill_pairs = 4 * (2.0 * kWindow) * (2.0 * kWindow) / 2,
                               .logit_rows = 1});
  EXPECT_NEAR(one_prompt, four_prompts, 1e-12);
  EXPECT_LT(one_prompt, plain.seconds(BatchShape{.prefill_tokens = int(q), .prefill_pairs = q * q / 2, .logit_rows = 1}));
}

TEST(LocalAttention, IterationWorkCountsTheWindowsKeys) {
  StepTimeModel local(windowed(LocalAttention::Kind::sliding, 32), h100(), StepTimeOptions{.weights = Dtype::fp8});
  StepTimeModel plain(llama8b(), h100(), StepTimeOptions{.weights = Dtype::fp8});
  const BatchShape deep{.decode_seqs = 8, .decode_context = 8 * 4.0 * kWindow, .logit_rows = 8};
  const BatchShape at_window{.decode_seqs = 8, .decode_context = 8.0 * kWindow, .logit_rows = 8};
  EXPECT_NEAR(local.work(deep).flops_per_gpu, plain.work(at_window).flops_per_gpu, 1e-6 * plain.work(at_window).flops_per_gpu);
  EXPECT_NEAR(local.work(deep).hbm_bytes_per_gpu, plain.work(at_window).hbm_bytes_per_gpu,
              1e-9 * plain.work(at_window).hbm_bytes_per_gpu);
}

}  // namespace
}  // namespace stargate
