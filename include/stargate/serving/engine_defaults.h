#pragma once
// A serving engine as a deployment field (`serving.engine` in a scenario, `software` in a validation case): the
// scheduler settings it starts with when the user sets none, and how it runs an iteration (kernel list, CUDA graphs).
// vllm, sglang and trtllm run fused kernels with CUDA-graph decode (`cuda_graphs`, default on); what differs is
// how they batch and admit requests:
//   vllm   — vllm/engine/arg_utils.py `get_batch_defaults` (offline LLM class): 1024 sequences and 16,384 tokens
//            per step on cards of ≥ 70 GiB other than A100, else 256 and 8,192; chunked prefill; 16-token blocks;
//            gpu_memory_utilization 0.9; admission on the blocks needed now, preempting by recompute.
//   sglang — python/sglang/srt/server_args.py: chunked_prefill_size 8,192; running requests bounded by the KV
//            cache (4,096 here); mem_fraction_static ≈ 0.88.
//   trtllm — TensorRT-LLM LLM API (llmapi/llm_args.py): max_batch_size 2,048, max_num_tokens 8,192, chunked
//            prefill off, tokens_per_block 32, kv_cache free_gpu_memory_fraction 0.9, the GUARANTEED_NO_EVICT
//            capacity policy (performance-tuning-guide, useful-runtime-flags). trtllm-bench derives its own
//            max_batch_size / max_num_tokens from the dataset (validation/trtllm_bench_settings.h).
// The plain PyTorch engines run a Hugging Face-style Llama forward (EngineKind::pytorch_eager kernel list: SDPA
// flash attention, cuBLAS bf16 GEMMs, RMSNorm and RoPE as separate elementwise ops, logits for every position the
// forward computes) in a loop without a serving scheduler: no chunked prefill (a prompt is prefilled whole), the
// other scheduler fields as set (their batch limits are the static batch). Per-kernel costs: the calibrated
// kernel model (perf/kernel_cost_model.h: an eager kernel costs max(host dispatch floor, device time), a graph
// replay device time only); checked against our own H100 steps (validation/measured-h100, docs/validation.md):
//   pytorch_eager       — every kernel of every iteration launched from Python (measured-h100 infer.json:
//                         `s` prefill forwards and `s_eager` decode steps).
//   pytorch_cuda_graphs — the decode step captured once and replayed as one CUDA graph per iteration (gpt-fast,
//                         torch.compile mode="reduce-overhead", HF static cache); iterations that prefill run
//                         eagerly (measured-h100 decode_graph.json and infer.json `s_graph`).
#include <optional>
#include <string>

#include "stargate/catalog/accelerator.h"
#include "stargate/serving/serving_config.h"

namespace stargate {

enum class EnginePreset { vllm, sglang, trtllm, pytorch_eager, pytorch_cuda_graphs };

// "vllm", "sglang", "trtllm", "pytorch_eager", "pytorch_cuda_graphs"; nullopt for another name.
std::optional<EnginePreset> engine_preset_from_name(const std::string& name);
const char* engine_preset_name(EnginePreset engine);

// TensorRT-LLM PyTorch backend (PyExecutor): host time of one iteration per request it holds. Measured in
// NVIDIA/TensorRT-LLM PR #10273 (Dec 2025; GB200, GPT-OSS-120B, attention DP 2, max_batch_size 1536, 3,072
// concurrent 1k/1k requests, a host-bound run): 45.11 ms of host_step_time per iteration with 1,536 requests per
// rank, i.e. 29.4 µs per request. The overlap scheduler hides it behind the GPU's step until a batch is that large.
inline constexpr double kTrtllmPytorchHostSecondsPerSequence = 45.11e-3 / 1536;

// Sets `scheduler` to the engine's defaults on `accelerator` (fields the engine does not define keep their value).
void apply_engine_defaults(EnginePreset engine, const AcceleratorSpec& accelerator, SchedulerConfig& scheduler);

// Sets how `deployment` runs an iteration on `engine`: the kernel list (engine), the CUDA-graph batch sizes it
// pads decode batches to (cuda_graph_batches: the engine's own rule; exact for the PyTorch engines, which capture
// the batch they run), and for the PyTorch engines cuda_graphs and eager_prefill (vllm, sglang, trtllm: the fused
// kernel list, cuda_graphs left as it is).
void apply_engine_execution(EnginePreset engine, ServingDeployment& deployment);

}  // namespace stargate
