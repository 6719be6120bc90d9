// Validation cases as people transcribe publications: numbers with text around them ("~256 (per rank)", "16,384",
// "8K", "16M tokens"), yes/no in words, parallelism in one string, and one case's impossible value skipping that
// case only. Each reading is checked against the same case written plainly: equal predictions, or the stated
// reading in the note.
#include <gtest/gtest.h>

#include <string>

#include "../../src/validation/case_helpers.h"
#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

using validation_detail::first_quantity;
using validation_detail::nodes_times_gpus;

TEST(PublicationPhrasing, FirstQuantityReadsSeparatorsSuffixesAndTextAround) {
  EXPECT_EQ(first_quantity("~256 (slow-down API saturates decode)", 1000), 256);
  EXPECT_EQ(first_quantity("16,384", 1024), 16384);
  EXPECT_EQ(first_quantity("1,024 GPUs", 1024), 1024);
  EXPECT_EQ(first_quantity("1,234,567", 1000), 1234567);
  EXPECT_EQ(first_quantity("30,000", 1000), 30000);
  EXPECT_EQ(first_quantity("2,4,8", 1024), 2);  // a list, not a thousands separator
  EXPECT_EQ(first_quantity("8K", 1024), 8192);
  EXPECT_EQ(first_quantity("128k context", 1024), 131072);
  EXPECT_EQ(first_quantity("16M tokens", 1024), 16.0 * 1024 * 1024);
  EXPECT_DOUBLE_EQ(*first_quantity("22.3k", 1000), 22300);
  EXPECT_EQ(first_quantity("80GB", 1024), 80);          // a unit, not a suffix
  EXPECT_EQ(first_quantity("4 Mtok", 1024), 4);         // a space: no suffix
  EXPECT_EQ(first_quantity("2-4", 1000), 2);            // no sign, the first number of a range
  EXPECT_FALSE(first_quantity("-", 1000).has_value());
  EXPECT_FALSE(first_quantity("not stated", 1000).has_value());
}

TEST(PublicationPhrasing, GpuCountAsNodesTimesGpusPerNode) {
  EXPECT_EQ(nodes_times_gpus("9 decode nodes x 8 H100"), 72);
  EXPECT_EQ(nodes_times_gpus("4 nodes × 8"), 32);
  EXPECT_FALSE(nodes_times_gpus("64 (8 nodes x 8)").has_value());  // the first number is the count itself
  EXPECT_FALSE(nodes_times_gpus("512").has_value());
}

// ---- inference cases ----------------------------------------------------------------------------------------------

std::string trtllm_case(const std::string& id, const std::string& workload, const std::string& parallelism = "{tp: 1}",
                        const std::string& gpus = "1") {
  return "- id: " + id + R"(
  model: {name: Llama 3.1 8B, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336, vocab: 128256}
  weights_precision: FP8
  gpu: H100-SXM5-80GB
  num_gpus: )" + gpus + R"(
  software: TensorRT-LLM trtllm-bench
  parallelism: )" + parallelism + R"(
  workload: )" + workload + R"(
  measured: {total_output_tokens_per_s: 10000}
)";
}

std::vector<CaseResult> run_inference(const std::string& cases) {
  CaseResults r = validate_inference_cases("cases:\n" + cases, "inference.yaml");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : std::vector<CaseResult>{};
}

TEST(PublicationPhrasing, InferenceLengthsWrittenAsTextPredictAsTheirNumbers) {
  const auto r = run_inference(trtllm_case("plain", "{input_len: 1024, output_len: 128, num_requests: 200}") +
                               trtllm_case("text", "{input_len: '1K', output_len: '128 (OSL)', num_requests: 200}"));
  ASSERT_EQ(r.size(), 2u);
  ASSERT_FALSE(r[0].skipped) << r[0].skip_reason;
  ASSERT_FALSE(r[1].skipped) << r[1].skip_reason;
  EXPECT_DOUBLE_EQ(r[0].predicted, r[1].predicted);
  EXPECT_NE(r[1].note.find("workload.input_len: read '1K' → 1024"), std::string::npos) << r[1].note;
  EXPECT_NE(r[1].note.find("workload.output_len: read '128 (OSL)' → 128"), std::string::npos) << r[1].note;
}

TEST(PublicationPhrasing, OneCasesImpossibleValueSkipsOnlyThatCase) {
  const auto r = run_inference(trtllm_case("bad", "{input_len: 0, output_len: 128, num_requests: 200}") +
                               trtllm_case("good", "{input_len: 128, output_len: 128, num_requests: 200}"));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(r[0].skipped);
  EXPECT_TRUE(r[0].input_error);
  EXPECT_NE(r[0].skip_reason.find("inference.yaml:"), std::string::npos) << r[0].skip_reason;
  EXPECT_NE(r[0].skip_reason.find("workload.input_len"), std::string::npos) << r[0].skip_reason;
  EXPECT_FALSE(r[1].skipped) << r[1].skip_reason;
  EXPECT_GT(r[1].predicted, 0);
}

TEST(PublicationPhrasing, ParallelismAsOneStringAndNodesTimesGpus) {
  const auto r = run_inference(
      trtllm_case("map", "{input_len: 128, output_len: 128, num_requests: 200}", "{tp: 2}", "2") +
      trtllm_case("string", "{input_len: 128, output_len: 128, num_requests: 200}", "TP2", "1 node x 2"));
  ASSERT_EQ(r.size(), 2u);
  ASSERT_FALSE(r[1].skipped) << r[1].skip_reason;
  EXPECT_DOUBLE_EQ(r[0].predicted, r[1].predicted);
  EXPECT_NE(r[1].note.find("parallelism: read 'TP2' as tp 2"), std::string::npos) << r[1].note;
  EXPECT_NE(r[1].note.find("num_gpus: read '1 node x 2' → 2"), std::string::npos) << r[1].note;
}

TEST(PublicationPhrasing, RequestCountBeyondTheSteadyStateIsSimulatedAtTheCap) {
  const auto r = run_inference(trtllm_case("many", "{input_len: 128, output_len: 128, num_requests: 3000000}"));
  ASSERT_EQ(r.size(), 1u);
  ASSERT_FALSE(r[0].skipped) << r[0].skip_reason;
  EXPECT_NE(r[0].note.find("num_requests 3000000: 100000 simulated"), std::string::npos) << r[0].note;
}

// DeepSeek-style decode phase: attention DP said in words must read as the rank count said as a number.
std::string dp_attention_case(const std::string& id, const std::string& key, const std::string& value) {
  return "- id: " + id + R"(
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
  num_gpus: 16
  software: SGLang
  phase: decode
  parallelism: {tp: 16, )" + key + ": " + value + R"(}
  workload: {batch_size_per_device: '~64', kv_cache_len: 2000}
  measured: {output_tokens_per_s_per_node: '10,000'}
)";
}

TEST(PublicationPhrasing, AttentionDataParallelInWordsReadsAsTheRankCount) {
  const auto r = run_inference(dp_attention_case("number", "dp_attention", "16") +
                               dp_attention_case("words", "dp_attention", "'True (attention data parallel)'") +
                               dp_attention_case("trtllm-key", "enable_attention_dp", "'yes, enable_attention_dp'") +
                               dp_attention_case("off", "dp_attention", "'no (TP attention)'"));
  ASSERT_EQ(r.size(), 4u);
  for (const CaseResult& c : r) ASSERT_FALSE(c.skipped) << c.id << ": " << c.skip_reason;
  EXPECT_DOUBLE_EQ(r[0].predicted, r[1].predicted);
  EXPECT_DOUBLE_EQ(r[0].predicted, r[2].predicted);
  EXPECT_EQ(r[0].measured, 10000);  // "10,000" read with its separator
  EXPECT_NE(r[3].predicted, r[0].predicted);  // tensor-parallel attention over 16 GPUs: another step
  EXPECT_EQ(r[3].note.find("attention ranks"), std::string::npos) << r[3].note;
}

TEST(PublicationPhrasing, PerUserRateIsTheInverseOfTheStepAndVllmNamesRead) {
  std::string per_user = dp_attention_case("per-user", "dp_attention", "16");
  std::string tpot = per_user, total = per_user;
  per_user.replace(per_user.find("output_tokens_per_s_per_node: '10,000'"), 38, "output_tokens_per_s_per_user: 40");
  tpot.replace(tpot.find("output_tokens_per_s_per_node: '10,000'"), 38, "mean_tpot_ms: 25");
  total.replace(total.find("output_tokens_per_s_per_node: '10,000'"), 38, "output_token_throughput: 1.0e+5");
  const auto r = run_inference(per_user + tpot + total + dp_attention_case("node", "dp_attention", "16"));
  ASSERT_EQ(r.size(), 4u);
  for (const CaseResult& c : r) ASSERT_FALSE(c.skipped) << c.id << ": " << c.skip_reason;
  EXPECT_NEAR(r[0].predicted * r[1].predicted / 1000, 1.0, 1e-12);  // tokens/s per user × TPOT (ms, as published)
  EXPECT_NEAR(r[2].predicted, r[3].predicted * 2, 1e-6 * r[2].predicted);  // 16 GPUs = two 8-GPU nodes
}

// ---- training cases -----------------------------------------------------------------------------------------------

std::string megatron_case(const std::string& id, const std::string& fields) {
  return "- id: " + id + R"(
  source: Megatron-LM benchmark (probe)
  model: {name: GPT 22B, arch: gpt, layers: 48, hidden: 6144, heads: 64, vocab: 51200, seq_len: 2048}
  gpu: A100-SXM4-80GB
  precision: bf16
  measured: {iteration_time_s: 10}
)" + fields;
}

std::vector<CaseResult> run_training(const std::string& cases) {
  CaseResults r = validate_training_cases("cases:\n" + cases, "training.yaml");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : std::vector<CaseResult>{};
}

TEST(PublicationPhrasing, TrainingNumbersWrittenAsTextPredictAsTheirNumbers) {
  const auto r = run_training(
      megatron_case("plain", R"(  global_batch_size: 512
  micro_batch_size: 1
  num_gpus: 1024
  parallelism: {tp: 8, pp: 4, dp: 32, vpp: 2, sp: true, zero_stage: 1, activation_recompute: selective}
)") + megatron_case("text", R"(  global_batch_size: 1M tokens
  micro_batch_size: 1
  num_gpus: '1,024'
  parallelism: {tp: 8, pp: 4, dp: 32, vpp: 2 (interleaved 1F1B), sp: yes, zero_stage: ZeRO stage 1, activation_recompute: selective}
)"));
  ASSERT_EQ(r.size(), 2u);
  ASSERT_FALSE(r[0].skipped) << r[0].skip_reason;
  ASSERT_FALSE(r[1].skipped) << r[1].skip_reason;
  EXPECT_DOUBLE_EQ(r[0].predicted, r[1].predicted);  // 2^20 tokens / 2048 = 512 sequences
  EXPECT_NE(r[1].note.find("global_batch_size: read '1M tokens' → 512 sequences"), std::string::npos) << r[1].note;
}

TEST(PublicationPhrasing, GlobalBatchLikelyOrNotStated) {
  const std::string plan = R"(  micro_batch_size: 2
  num_gpus: 64
  parallelism: {tp: 8, pp: 2, dp: 4, zero_stage: 1, activation_recompute: selective}
)";
  const auto r = run_training(megatron_case("likely", "  global_batch_size: likely 64\n" + plan) +
                              megatron_case("stated", "  global_batch_size: 64\n" + plan) +
                              megatron_case("unknown", "  global_batch_size: not stated\n" + plan));
  ASSERT_EQ(r.size(), 3u);
  for (const CaseResult& c : r) ASSERT_FALSE(c.skipped) << c.id << ": " << c.skip_reason;
  EXPECT_DOUBLE_EQ(r[0].predicted, r[1].predicted);
  EXPECT_NE(r[2].note.find("→ 16 sequences (not stated: micro_batch · dp · pp)"), std::string::npos) << r[2].note;
}

TEST(PublicationPhrasing, TrainingCasesImpossibleValueSkipsOnlyThatCase) {
  const std::string plan = R"(  global_batch_size: 64
  micro_batch_size: 1
  num_gpus: 64
)";
  const auto r = run_training(megatron_case("bad", plan + "  parallelism: {tp: 8, pp: 0, dp: 8}\n") +
                              megatron_case("good", plan + "  parallelism: {tp: 8, pp: 1, dp: 8}\n"));
  ASSERT_EQ(r.size(), 2u);
  EXPECT_TRUE(r[0].skipped);
  EXPECT_TRUE(r[0].input_error);
  EXPECT_NE(r[0].skip_reason.find("training.yaml:"), std::string::npos) << r[0].skip_reason;
  EXPECT_NE(r[0].skip_reason.find("parallelism.pp"), std::string::npos) << r[0].skip_reason;
  EXPECT_FALSE(r[1].skipped) << r[1].skip_reason;
}

TEST(PublicationPhrasing, DashInAPlanFieldIsNotStated) {
  const std::string rest = R"(  global_batch_size: 64
  micro_batch_size: 1
  num_gpus: 64
)";
  const auto r = run_training(megatron_case("dash", rest + "  parallelism: {tp: 8, pp: '-', dp: 8}\n") +
                              megatron_case("one", rest + "  parallelism: {tp: 8, pp: 1, dp: 8}\n"));
  ASSERT_EQ(r.size(), 2u);
  ASSERT_FALSE(r[0].skipped) << r[0].skip_reason;
  EXPECT_DOUBLE_EQ(r[0].predicted, r[1].predicted);
}

TEST(PublicationPhrasing, ChunksBeyondTheLayersAreFittedToWholeLayers) {
  const auto r = run_training(megatron_case("vpp", R"(  global_batch_size: 256
  micro_batch_size: 1
  num_gpus: 256
  parallelism: {tp: 8, pp: 16, dp: 2, vpp: 4, zero_stage: 1, activation_recompute: full}
)"));
  ASSERT_EQ(r.size(), 1u);
  ASSERT_FALSE(r[0].skipped) << r[0].skip_reason;
  EXPECT_NE(r[0].note.find("vpp 4: pp·vpp exceeds the 48 layers"), std::string::npos) << r[0].note;
  EXPECT_NE(r[0].note.find("modeled as vpp 3"), std::string::npos) << r[0].note;
}

}  // namespace
}  // namespace stargate
