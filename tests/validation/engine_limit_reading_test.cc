// A case's max_batch_size / max_num_tokens: a stated number is the engine's limit; text that only describes the
// tool's choice ("trtllm-bench default (cuda graphs padded up to 8192)") leaves the limit to the engine's
// defaults (for TensorRT-LLM, trtllm-bench's dataset heuristic, trtllm_bench_settings.h).
#include <gtest/gtest.h>

#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

std::string trtllm_case(const std::string& max_batch_size) {
  return R"(cases:
- id: llama8b-h100-isl128-osl128
  source: TensorRT-LLM perf-overview
  model: {name: Llama 3.1 8B, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336, vocab: 128256}
  weights_precision: FP8
  gpu: H100-SXM-80GB
  num_gpus: 1
  parallelism: {tp: 1}
  software: TensorRT-LLM (PyTorch backend) trtllm-bench
  workload:
    input_len: 128
    output_len: 128
    num_requests: 200
    max_batch_size: )" + max_batch_size + R"(
  measured: {total_output_tokens_per_s: 28312}
)";
}

std::string note_of(const std::string& yaml) {
  CaseResults r = validate_inference_cases(yaml, "inference.yaml");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  if (!r.ok() || r.value().size() != 1) return "";
  EXPECT_FALSE(r.value().front().skipped) << r.value().front().skip_reason;
  return r.value().front().note;
}

TEST(EngineLimitReading, AStatedNumberIsTheLimitAndADescriptionOfTheToolsDefaultIsNot) {
  struct Row {
    const char* text;
    const char* expected;
  } rows[] = {
      {"256", "max 256 sequences"},
      {"512 (set on the command line)", "max 512 sequences"},
      // trtllm-bench's heuristic on an H100 for ISL 128 / OSL 128: min(KV requests, 4096) rounded up → 4096.
      {"trtllm-bench default (cuda graphs padded up to 8192)", "max 4096 sequences"},
  };
  for (const Row& r : rows) {
    const std::string note = note_of(trtllm_case(r.text));
    EXPECT_NE(note.find(r.expected), std::string::npos) << r.text << ": " << note;
  }
}

}  // namespace
}  // namespace stargate
