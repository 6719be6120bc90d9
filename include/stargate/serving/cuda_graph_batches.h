#pragma once
// The batch sizes a serving engine captures its decode step at, and the batch a decode-only iteration therefore
// computes. An engine that replays CUDA graphs with padding runs a decode-only iteration of b sequences as the graph
// of the smallest captured size ≥ b: the b − padded dummy rows run through every linear layer and the LM head but
// read no KV cache (dummy requests of one cached token). A batch larger than every captured size, and every
// iteration that prefills, runs without a graph and without padding. Sources, per rule:
//   trtllm — TensorRT-LLM PyTorch backend as trtllm-bench configures it (bench/benchmark/utils/general.py:
//            cuda_graph_config padding on, max_batch_size = the run's max_batch_size); sizes from
//            llmapi/llm_args.py CudaGraphConfig._generate_cuda_graph_batch_sizes: 1, 2, 4, 8..128 by 8, the powers of
//            two from 256 below max_batch_size, and max_batch_size itself. A batch of 3,605 with max_batch_size 4,096
//            runs as 4,096: 14% more GEMM rows.
//   vllm   — vLLM V1 (config/vllm.py _set_cudagraph_sizes): 1, 2, 4, 8..248 by 8, then by 16 up to
//            min(2 · max_num_seqs, 512, max_num_batched_tokens).
//   sglang — SGLang (server_args.py _generate_cuda_graph_batch_sizes): 1, 2, 4, 8, 12, 16..256 by 8, 272..496 by
//            16, then by 32 up to cuda_graph_max_bs (256 below tp 4, 512 from tp 4 on 60-160 GB cards; 512 above
//            160 GB; 32 / 160 on 35-60 GB cards).
//   exact  — a graph captured at the batch it replays (gpt-fast, HF static cache) or no graphs: no padding.
#include <vector>

namespace stargate {

enum class CudaGraphBatches { exact, trtllm, vllm, sglang };

struct CudaGraphLimits {
  int max_batch_sequences = 0;  // the engine's running-sequence limit (max_batch_size, max_num_seqs)
  int max_batch_tokens = 0;     // tokens per iteration (max_num_tokens, max_num_batched_tokens)
  int tp = 1;                   // GPUs of one engine (SGLang sizes its graphs by them)
  double hbm_bytes = 0;         // memory of one GPU (SGLang sizes its graphs by it)
};

// The captured batch sizes, ascending; empty for `exact`.
std::vector<int> captured_batch_sizes(CudaGraphBatches rule, const CudaGraphLimits& limits);

// The batch a decode-only iteration of `sequences` computes under `captured` (ascending): the smallest captured size
// ≥ sequences, or `sequences` itself above the largest (no graph) or with nothing captured.
int padded_decode_batch(const std::vector<int>& captured, int sequences);

}  // namespace stargate
