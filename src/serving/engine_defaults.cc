#include "stargate/serving/engine_defaults.h"

namespace stargate {

std::optional<EnginePreset> engine_preset_from_name(const std::string& name) {
  if (name == "vllm") return EnginePreset::vllm;
  if (name == "sglang") return EnginePreset::sglang;
  if (name == "trtllm") return EnginePreset::trtllm;
  if (name == "pytorch_eager") return EnginePreset::pytorch_eager;
  if (name == "pytorch_cuda_graphs") return EnginePreset::pytorch_cuda_graphs;
  return std::nullopt;
}

const char* engine_preset_name(EnginePreset engine) {
  switch (engine) {
    case EnginePreset::vllm: return "vllm";
    case EnginePreset::sglang: return "sglang";
    case EnginePreset::trtllm: return "trtllm";
    case EnginePreset::pytorch_eager: return "pytorch_eager";
    case EnginePreset::pytorch_cuda_graphs: return "pytorch_cuda_graphs";
  }
  return "?";
}

void apply_engine_defaults(EnginePreset engine, const AcceleratorSpec& accelerator, SchedulerConfig& s) {
  switch (engine) {
    case EnginePreset::vllm: {
      const bool large = accelerator.hbm_capacity_bytes >= 70.0 * (1ull << 30) &&
                         accelerator.id.find("a100") == std::string::npos;
      s.max_batch_sequences = large ? 1024 : 256;
      s.max_batch_tokens = large ? 16384 : 8192;
      s.chunked_prefill = true;
      s.block_tokens = 16;
      s.gpu_memory_fraction = 0.9;
      s.capacity_policy = CapacityPolicy::max_utilization;
      return;
    }
    case EnginePreset::sglang:
      s.max_batch_sequences = 4096;
      s.max_batch_tokens = 8192;
      s.chunked_prefill = true;
      s.gpu_memory_fraction = 0.88;
      s.capacity_policy = CapacityPolicy::max_utilization;
      return;
    case EnginePreset::trtllm:
      s.max_batch_sequences = 2048;
      s.max_batch_tokens = 8192;
      s.chunked_prefill = false;
      s.block_tokens = 32;
      s.gpu_memory_fraction = 0.9;
      s.capacity_policy = CapacityPolicy::guaranteed_no_evict;
      return;
    case EnginePreset::pytorch_eager:
    case EnginePreset::pytorch_cuda_graphs:
      s.chunked_prefill = false;  // a plain forward loop prefills each prompt whole
      return;
  }
}

void apply_engine_execution(EnginePreset engine, ServingDeployment& d) {
  switch (engine) {
    case EnginePreset::vllm:
      d.engine = EngineKind::fused;
      d.cuda_graph_batches = CudaGraphBatches::vllm;
      return;
    case EnginePreset::sglang:
      // CUDA graphs replay decode (and idle/verify) batches only: ForwardMode.is_cuda_graph(); extend batches
      // launch eagerly, and under DP attention every rank does when one extends (can_run_dp_cuda_graph).
      d.engine = EngineKind::fused;
      d.cuda_graph_batches = CudaGraphBatches::sglang;
      d.eager_prefill = true;
      return;
    case EnginePreset::trtllm:
      // PyTorch backend: the graphs are DecodingCUDAGraphRunner's, taken only for a generation-only batch
      // (model_engine.py _maybe_get_cuda_graph: batch.is_generation_only / can_run_cuda_graph; under attention DP
      // only when every rank's batch is, tp_allgather); an iteration with a context request launches eagerly.
      d.engine = EngineKind::fused;
      d.cuda_graph_batches = CudaGraphBatches::trtllm;
      d.eager_prefill = true;
      d.host_seconds_per_sequence = kTrtllmPytorchHostSecondsPerSequence;
      return;
    case EnginePreset::pytorch_eager:
      d.engine = EngineKind::pytorch_eager;
      d.cuda_graph_batches = CudaGraphBatches::exact;
      d.cuda_graphs = false;
      d.eager_prefill = false;
      return;
    case EnginePreset::pytorch_cuda_graphs:
      d.engine = EngineKind::pytorch_eager;
      d.cuda_graph_batches = CudaGraphBatches::exact;
      d.cuda_graphs = true;
      d.eager_prefill = true;
      return;
  }
}

}  // namespace stargate
