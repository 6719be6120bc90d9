// How an inference case's model block states its layer layout (case_fields.h): windowed attention from the
// checkpoint's config keys, and MoE layers interleaved with dense ones. Derived by hand on a Llama-4-like model of
// 48 layers decoding at 16,000 cached tokens:
//   - attention_chunk_size 2048 (no_rope_layer_interval 4 by default) chunks 36 of the 48 layers: the same case
//     stated as local_attention {chunked, 2048, 36} predicts exactly the same, and faster than full attention;
//   - interleave_moe_layer_step 2 makes 24 of the 48 layers MoE: the same as moe_layers 24 or first_dense_layers 24.
#include <gtest/gtest.h>

#include <string>

#include "stargate/validation/case_result.h"
#include "stargate/validation/validation_summary.h"

namespace stargate {
namespace {

std::string llama4_like_case(const std::string& attention, const std::string& moe_layout) {
  return R"(cases:
- id: layout
  model:
    name: Llama-4-like
    layers: 48
    hidden: 5120
    heads: 40
    kv_heads: 8
    head_dim: 128
    ffn: 16384
    vocab: 202048
    moe: {routed_experts: 16, top_k: 1, expert_ffn: 8192, shared_experts: 1)" + moe_layout + R"(}
)" + attention + R"(  weights_precision: FP8
  gpu: H100-SXM-80GB
  num_gpus: 8
  software: TensorRT-LLM
  phase: decode
  parallelism: {tp: 8}
  workload: {batch_size_per_device: 64, kv_cache_len: 16000}
  measured: {output_tokens_per_s: 1000}
)";
}

CaseResult only(const std::string& yaml) {
  CaseResults r = validate_inference_cases(yaml, "inference.yaml");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  EXPECT_EQ(r.value().size(), 1u);
  EXPECT_FALSE(r.value().front().skipped) << r.value().front().skip_reason;
  return r.value().front();
}

TEST(ModelLayoutReading, ChunkSizeKeyChunksAllButEveryFourthLayer) {
  const CaseResult hf_keys = only(llama4_like_case("    attention_chunk_size: 2048\n", ""));
  const CaseResult stated =
      only(llama4_like_case("    local_attention: {kind: chunked, window: 2048, layers: 36}\n", ""));
  const CaseResult full = only(llama4_like_case("", ""));
  EXPECT_DOUBLE_EQ(hf_keys.predicted, stated.predicted);
  EXPECT_GT(hf_keys.predicted, full.predicted);
  EXPECT_NE(hf_keys.note.find("chunked attention over 2048 tokens on 36 of 48 layers"), std::string::npos)
      << hf_keys.note;
  const CaseResult every_other = only(llama4_like_case("    attention_chunk_size: 2048\n    no_rope_layer_interval: 2\n", ""));
  EXPECT_NE(every_other.note.find("on 24 of 48 layers"), std::string::npos) << every_other.note;
}

TEST(ModelLayoutReading, SlidingWindowFollowsLayerTypes) {
  const CaseResult r = only(llama4_like_case(
      "    sliding_window: 128\n    layer_types: [sliding_attention, full_attention, sliding_attention, full_attention]\n",
      ""));
  EXPECT_NE(r.note.find("sliding attention over 128 tokens on 2 of 48 layers"), std::string::npos) << r.note;
}

TEST(ModelLayoutReading, InterleavedMoeLayersAreCountedAsTheConfigSays) {
  const CaseResult interleaved = only(llama4_like_case("", ", interleave_moe_layer_step: 2"));
  const CaseResult counted = only(llama4_like_case("", ", moe_layers: 24"));
  const CaseResult first_dense = only(llama4_like_case("", ", first_dense_layers: 24"));
  const CaseResult all_moe = only(llama4_like_case("", ""));
  EXPECT_DOUBLE_EQ(interleaved.predicted, first_dense.predicted);
  EXPECT_DOUBLE_EQ(counted.predicted, first_dense.predicted);
  EXPECT_NE(interleaved.predicted, all_moe.predicted);
}

TEST(ModelLayoutReading, AnUnknownWindowKindIsAnErrorAtItsLine) {
  CaseResults r = validate_inference_cases(
      llama4_like_case("    local_attention: {kind: global, window: 2048, layers: 36}\n", ""), "inference.yaml");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().size(), 1u);
  EXPECT_TRUE(r.value().front().input_error);
  EXPECT_NE(r.value().front().skip_reason.find("model.local_attention.kind"), std::string::npos)
      << r.value().front().skip_reason;
}

}  // namespace
}  // namespace stargate
