// Inference validation cases in the README's wider schema: MoE/MLA models, data-parallel attention, EP, phases,
// per-GPU and per-node metrics, unverified cases. Each prediction is re-derived here from the step model.
#include <gtest/gtest.h>

#include "stargate/catalog/catalog.h"
#include "stargate/serving/step_time.h"
#include "stargate/validation/case_result.h"
#include "stargate/validation/validation_summary.h"

namespace stargate {
namespace {

const char* kDeepSeekModel = R"(
  model:
    name: DeepSeek-V3
    layers: 61
    hidden: 7168
    heads: 128
    kv_heads: 128
    ffn: 18432
    vocab: 129280
    moe: {routed_experts: 256, top_k: 8, expert_ffn: 2048, shared_experts: 1, first_dense_layers: 3}
    mla: {q_lora_rank: 1536, kv_lora_rank: 512, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128}
  weights_precision: FP8
  gpu: H100-SXM-80GB
)";

std::string decode_case(const std::string& id, const std::string& extra) {
  return "- id: " + id + std::string(kDeepSeekModel) + R"(
  num_gpus: 16
  software: SGLang
  phase: decode
  parallelism: {tp: 16, dp: 16, dp_attention: true}
  workload: {batch_size_per_device: 64, kv_cache_len: 2000}
  measured: {output_tokens_per_s_per_node: 10000}
)" + extra;
}

CaseResult only(const std::string& cases) {
  CaseResults r = validate_inference_cases("cases:\n" + cases, "inference.yaml");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  EXPECT_EQ(r.value().size(), 1u);
  return r.value().front();
}

double decode_step_seconds() {
  const Catalog& c = Catalog::builtin();
  const Cluster cluster{*c.find_accelerator("h100-sxm"), *c.find_node("dgx-h100"), c.default_scale_out_fabric(), 16};
  ModelSpec m;
  m.layers = 61, m.hidden = 7168, m.heads = 128, m.kv_heads = 128, m.ffn = 18432, m.vocab = 129280;
  m.head_dim = 7168 / 128;
  m.moe = MoeSpec{.routed_experts = 256, .top_k = 8, .expert_ffn = 2048, .shared_experts = 1, .first_dense_layers = 3};
  m.mla = MlaSpec{1536, 512, 128, 64, 128};
  StepTimeModel st(m, cluster,
                   StepTimeOptions{.tp = 16, .attention_dp = 16, .ep = 16, .weights = Dtype::fp8,
                                   .kv_bytes_per_element = 2, .cuda_graphs = true});
  return st.seconds(BatchShape{.decode_seqs = 64, .decode_context = 64 * 2000.0, .logit_rows = 64});
}

TEST(InferenceCaseFields, DecodePhaseWithDataParallelAttentionIsOneDecodeStepPerRank) {
  const CaseResult r = only(decode_case("ds-decode", ""));
  ASSERT_FALSE(r.skipped) << r.skip_reason;
  EXPECT_EQ(r.metric, "output_tokens_per_s_per_node");
  EXPECT_EQ(r.source, "SGLang");
  // 16 attention ranks of one GPU, 64 sequences each; per node = 8 of the 16 GPUs.
  const double expected = 64 / decode_step_seconds() * 16 * 8 / 16;
  EXPECT_NEAR(r.predicted, expected, 1e-9 * expected);
  EXPECT_NE(r.note.find("16 attention ranks"), std::string::npos) << r.note;
}

TEST(InferenceCaseFields, PerGpuMetricDividesTheTotalByTheCasesGpus) {
  std::string c = decode_case("ds-decode-gpu", "");
  c.replace(c.find("output_tokens_per_s_per_node"), 28, "output_tokens_per_s_per_gpu");
  const CaseResult r = only(c);
  ASSERT_FALSE(r.skipped) << r.skip_reason;
  EXPECT_NEAR(r.predicted, 64 / decode_step_seconds(), 1e-9 * r.predicted);
}

TEST(InferenceCaseFields, AMetricThePhaseCannotPredictIsASkipThatSaysSo) {
  std::string c = decode_case("ds-decode-in", "");
  c.replace(c.find("output_tokens_per_s_per_node"), 28, "input_tokens_per_s_per_node");
  const CaseResult r = only(c);
  EXPECT_TRUE(r.skipped);
  EXPECT_NE(r.skip_reason.find("no convertible metric for phase 'decode'"), std::string::npos) << r.skip_reason;
}

TEST(InferenceCaseFields, UnverifiedCasesArePredictedButLeftOutOfTheStatistics) {
  CaseResults all = validate_inference_cases(
      "cases:\n" + decode_case("a", "") + decode_case("b", "  unverified: true\n"), "inference.yaml");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all.value().size(), 2u);
  EXPECT_FALSE(all.value()[0].unverified);
  EXPECT_TRUE(all.value()[1].unverified);
  EXPECT_FALSE(all.value()[1].skipped);
  const ValidationSummary s = summarize(all.value());
  EXPECT_EQ(s.overall.cases, 1);
  EXPECT_EQ(s.overall.unverified, 1);
}

}  // namespace
}  // namespace stargate
