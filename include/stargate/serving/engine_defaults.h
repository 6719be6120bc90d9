#pragma once
// The scheduler settings a serving engine starts with when the user sets none (`serving.engine: vllm|sglang|
// trtllm` in a scenario, `software` in a validation case). Every engine runs fused kernels with CUDA-graph decode;
// what differs is how it batches and admits requests:
//   vllm   — vllm/engine/arg_utils.py `get_batch_defaults` (offline LLM class): 1024 sequences and 16,384 tokens
//            per step on cards of ≥ 70 GiB other than A100, else 256 and 8,192; chunked prefill; 16-token blocks;
//            gpu_memory_utilization 0.9; admission on the blocks needed now, preempting by recompute.
//   sglang — python/sglang/srt/server_args.py: chunked_prefill_size 8,192; running requests bounded by the KV
//            cache (4,096 here); mem_fraction_static ≈ 0.88.
//   trtllm — TensorRT-LLM LLM API (llmapi/llm_args.py): max_batch_size 2,048, max_num_tokens 8,192, chunked
//            prefill off, tokens_per_block 32, kv_cache free_gpu_memory_fraction 0.9, the GUARANTEED_NO_EVICT
//            capacity policy (performance-tuning-guide, useful-runtime-flags). trtllm-bench derives its own
//            max_batch_size / max_num_tokens from the dataset (validation/trtllm_bench_settings.h).
#include <optional>
#include <string>

#include "stargate/catalog/accelerator.h"
#include "stargate/serving/serving_config.h"

namespace stargate {

enum class EnginePreset { vllm, sglang, trtllm };

// "vllm", "sglang", "trtllm"; nullopt for another name.
std::optional<EnginePreset> engine_preset_from_name(const std::string& name);
const char* engine_preset_name(EnginePreset engine);

// Sets `scheduler` to the engine's defaults on `accelerator` (fields the engine does not define keep their value).
void apply_engine_defaults(EnginePreset engine, const AcceleratorSpec& accelerator, SchedulerConfig& scheduler);

}  // namespace stargate
