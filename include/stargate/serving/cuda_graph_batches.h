#pragma once
// The batch sizes a serving engine captures its decode step at, and the batch an iteration therefore computes. An
// engine that replays CUDA graphs with padding runs a decode-only iteration of b sequences as the graph of the
// smallest captured size ≥ b: the dummy rows that fill it run through every linear layer (and, where the engine
// samples them, the LM head) but read no KV cache (dummy requests of one cached token). A batch larger than every
// captured size runs without a graph and without padding, and so does an iteration that prefills, except on vLLM,
// whose piecewise graphs also pad mixed batches of up to its largest size. Sources, per rule:
//   trtllm     — TensorRT-LLM PyTorch backend with padding on (trtllm-bench turns it on:
//                bench/benchmark/utils/general.py, cuda_graph_config max_batch_size = the run's max_batch_size);
//                llmapi/llm_args.py CudaGraphConfig._generate_cuda_graph_batch_sizes since PR #12895 (April 2026):
//                1, 2, 4, 8..128 by 8, then steps of 64 (192, 256, …) while ≤ max_batch_size, and max_batch_size.
//   trtllm_1_0 — the same before that change (TensorRT-LLM 1.0-1.2): 1, 2, 4, 8..128 by 8, the powers of two from
//                256 below max_batch_size, and max_batch_size: a batch of 3,605 under 4,096 runs as 4,096.
//   vllm       — vLLM V1 (config/vllm.py _set_cudagraph_sizes), sizes in TOKENS: 1, 2, 4, 8..248 by 8, then by 16
//                up to min(2 · max_num_seqs · (1 + speculative tokens), 512, max_num_batched_tokens); logits only
//                for the real rows (logits_indices).
//   sglang     — SGLang (server_args.py _generate_cuda_graph_batch_sizes): 1, 2, 4, 8, 12, 16..256 by 8, 272..496
//                by 16, then by 32 up to cuda_graph_max_bs (256 below tp 4, 512 from tp 4 on 60-160 GB cards; 512
//                above 160 GB; 32 / 160 on 35-60 GB cards); under speculative decoding 1..8, 10..32 by 2, 40..64 by
//                4, 72..256 by 8, then by 16; sizes above max_running_requests dropped and that count added.
//   exact      — a graph captured at the batch it replays (gpt-fast, HF static cache) or no graphs: no padding.
#include <optional>
#include <vector>

namespace stargate {

enum class CudaGraphBatches { exact, trtllm, trtllm_1_0, vllm, sglang };

struct CudaGraphLimits {
  int max_batch_sequences = 0;  // the engine's running-sequence limit (max_batch_size, max_num_seqs, max_running_requests)
  int max_batch_tokens = 0;     // tokens per iteration (max_num_tokens, max_num_batched_tokens)
  int tp = 1;                   // GPUs of the engine (SGLang sizes its graphs by its tp_size)
  double hbm_bytes = 0;         // memory of one GPU (SGLang sizes its graphs by it)
  int decode_query_tokens = 1;  // tokens a decoding sequence computes per iteration: 1 + speculative draft tokens
};

// How an engine pads: its captured sizes (ascending; empty = no padding), what they count, which iterations they
// cover and whether the dummy rows are sampled.
struct CudaGraphPadding {
  std::vector<int> sizes;
  bool by_tokens = false;    // sizes count the iteration's tokens (vLLM), else its decoding sequences
  bool pads_mixed = false;   // iterations that prefill are padded too (vLLM piecewise graphs)
  bool dummy_logits = true;  // the LM head runs on the dummy rows (TensorRT-LLM dummy requests, SGLang)
};

CudaGraphPadding cuda_graph_padding(CudaGraphBatches rule, const CudaGraphLimits& limits);

// The captured size an iteration of `n` (sequences or tokens) replays: the smallest captured size ≥ n; nullopt when
// n exceeds every captured size (no graph) or nothing is captured.
std::optional<int> captured_size(const std::vector<int>& sizes, int n);

}  // namespace stargate
