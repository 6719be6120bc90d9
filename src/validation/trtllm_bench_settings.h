#pragma once
// Internal: the engine settings trtllm-bench chooses when a run states no max_batch_size / max_num_tokens
// (TensorRT-LLM tensorrt_llm/bench/build/tuning.py calc_engine_setting + finetune_setting, and
// bench/benchmark/utils/general.py get_settings, PyTorch backend):
//   KV bytes per token = 2 · layers · max(tp, kv_heads) · head_dim · KV element bytes
//   KV memory          = (device memory · tp · pp − parameters · weight element bytes) · kv_cache_free_gpu_mem_fraction
//   requests in KV     = KV memory / (KV bytes per token · (ISL + OSL))            (dataset means)
//   raw batch          = min(requests, 4096) / pp;  raw tokens = min(raw batch · (1 + ISL/OSL), 32768)
//   max_batch_size     = raw batch rounded up: < 256 → multiple of 32 (at least 64); < 1024 → of 128; else of 256
//   max_num_tokens     = raw tokens rounded up: < 4096 → multiple of 256 (at least 2048); < 8192 → of 512; else 1024
//   without chunked prefill (trtllm-bench's default) max_num_tokens ≥ max ISL + max_batch_size.
// Memory figures in GiB as the tool computes them (torch total_memory / 1024³).
#include "stargate/workload/model.h"

namespace stargate::validation_detail {

struct TrtllmBenchInputs {
  const ModelSpec* model = nullptr;
  double weight_bytes_per_element = 1;  // FP8 checkpoints 1, BF16 2, NVFP4 0.5
  double kv_bytes_per_element = 1;
  int tp = 1, pp = 1;
  double device_memory_bytes = 0;       // one GPU's HBM
  double mean_input_tokens = 0, mean_output_tokens = 0;
  int max_input_tokens = 0;
  double kv_cache_free_gpu_mem_fraction = 0.9;
  bool chunked_prefill = false;
};

struct TrtllmBenchSettings {
  int max_batch_size = 0;
  int max_num_tokens = 0;
};

TrtllmBenchSettings trtllm_bench_settings(const TrtllmBenchInputs& in);

}  // namespace stargate::validation_detail
