// trtllm-bench's engine settings, derived by hand for Llama 3.1 8B FP8 (FP8 KV cache) on one 80 GiB GPU:
//   KV per token = 2 · 32 layers · 8 KV heads · 128 · 1 B = 65,536 B = 6.1035e-5 GiB
//   engine       = 8.03e9 parameters · 1 B = 7.478 GiB;  KV memory = (80 − 7.478) · 0.9 = 65.27 GiB
//   ISL 128 / OSL 2048: requests = 65.27 / (6.1035e-5 · 2176) = 491.4 → max_batch_size 512 (multiple of 128);
//     tokens = 491.4 · (1 + 128/2048) = 522 → 2048 (the floor); no chunking: max(2048, 128 + 512) = 2048
//   ISL 20000 / OSL 2000: requests = 48.6 → 64 (the floor); tokens = 534.7 → 2048; no chunking: 20000 + 64
#include <gtest/gtest.h>

#include "stargate/core/units.h"
#include "stargate/workload/model_catalog.h"
#include "validation/trtllm_bench_settings.h"

namespace stargate::validation_detail {
namespace {

TrtllmBenchInputs llama8b_fp8(double isl, double osl, bool chunked) {
  return {.model = ModelCatalog::builtin().find("llama3.1-8b"),
          .weight_bytes_per_element = 1,
          .kv_bytes_per_element = 1,
          .tp = 1,
          .pp = 1,
          .device_memory_bytes = 80 * kBytesPerGiB,
          .mean_input_tokens = isl,
          .mean_output_tokens = osl,
          .max_input_tokens = static_cast<int>(isl),
          .kv_cache_free_gpu_mem_fraction = 0.9,
          .chunked_prefill = chunked};
}

TEST(TrtllmBenchSettings, ShortPromptsLongOutputs) {
  const TrtllmBenchSettings s = trtllm_bench_settings(llama8b_fp8(128, 2048, false));
  EXPECT_EQ(s.max_batch_size, 512);
  EXPECT_EQ(s.max_num_tokens, 2048);
}

TEST(TrtllmBenchSettings, LongPromptsWithoutChunkingFitTheLongestPromptAndTheBatch) {
  const TrtllmBenchSettings s = trtllm_bench_settings(llama8b_fp8(20000, 2000, false));
  EXPECT_EQ(s.max_batch_size, 64);
  EXPECT_EQ(s.max_num_tokens, 20000 + 64);
}

TEST(TrtllmBenchSettings, ChunkedPrefillKeepsTheTunedTokenBudget) {
  const TrtllmBenchSettings s = trtllm_bench_settings(llama8b_fp8(20000, 2000, true));
  EXPECT_EQ(s.max_num_tokens, 2048);
}

}  // namespace
}  // namespace stargate::validation_detail
