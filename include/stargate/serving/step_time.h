#pragma once
// Time of one serving iteration on one replica, from the calibrated kernel cost model, for the exact batch of
// that iteration: prefill chunks (queries, cached context) and decode sequences (KV lengths).
//
// Per layer (fused engine): norm+residual, QKV GEMM, RoPE+KV write, prefill attention (one causal flash call
// with the batch's total query-key pairs), decode attention (one paged call over all decode KV bytes), O GEMM,
// TP all-reduce, norm+residual, gate/up GEMM, SiLU·mul, down GEMM, TP all-reduce. Then final norm, LM head on
// the rows that sample a token, and sampling. Eager mode pays each kernel's host dispatch floor
// (KernelCostModel); CUDA graphs pay device time only. Memoized: GEMM/elementwise/all-reduce work by token count,
// attention by (queries, pairs) and (sequences, mean context) rounded to 1/64 (relative), so a long simulation
// costs a table lookup per iteration.
#include <memory>
#include <unordered_map>
#include <vector>

#include "stargate/core/flat_memo.h"
#include "stargate/catalog/cluster.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate {
namespace serving_detail {
class ExpertParallelCost;
}

// The work of one iteration, summed over its requests.
struct BatchShape {
  int prefill_tokens = 0;        // queries of prefill chunks
  double prefill_pairs = 0;      // Σ over chunks q·c + q²/2 (c = cached context before the chunk)
  int decode_seqs = 0;           // sequences computing one token
  double decode_context = 0;     // Σ KV tokens read by the decode sequences
  int logit_rows = 0;            // rows sampled (decodes + prefills that complete their prompt + draft tokens)
  // Speculative decoding: draft tokens verified beside the decode sequences' own token (k per speculating
  // sequence). They run through every linear layer and the LM head; their attention reads the sequence's KV once
  // with its own token (decode attention is memory-bound, so the k extra queries add no KV bytes).
  int draft_tokens = 0;
  // Dummy rows a decode-only iteration computes when its engine replays the CUDA graph of a larger batch
  // (cuda_graph_batches.h): they run through every linear layer (and the LM head where the engine samples them,
  // engine_batch) and read no KV cache.
  int padding_rows = 0;
  int tokens() const { return prefill_tokens + decode_seqs + draft_tokens + padding_rows; }
};

// Work one iteration does on ONE GPU of the replica engine (a tp-way engine timed through every layer):
// model FLOPs (linear layers of the tokens' active parameters, attention's QK and PV products, the LM head on the
// sampled rows) and HBM bytes (the weights read once per iteration, routed experts only as far as the batch's
// tokens reach them, the KV cache read by decodes and prefill chunks' cached context, and the KV written).
// Activation traffic is left out: a lower bound on bytes moved.
struct IterationWork {
  double flops_per_gpu = 0;
  double hbm_bytes_per_gpu = 0;
};

struct StepTimeOptions {
  int tp = 1;
  int pp = 1;  // pipeline stages the weights are spread over (memory only: a step is timed through every stage)
  // Attention data parallelism and expert parallelism (PoolConfig): the model is timed for ONE attention rank of
  // tp / attention_dp GPUs whose MoE layers run together with the other ranks' over ep GPUs.
  int attention_dp = 1;
  int ep = 1;
  MoeServing moe;
  Dtype weights = Dtype::bf16;
  double kv_bytes_per_element = 2;
  bool cuda_graphs = true;
  EngineKind engine = EngineKind::fused;
};

class StepTimeModel {
 public:
  StepTimeModel(const ModelSpec& model, const Cluster& cluster, const StepTimeOptions& options);
  ~StepTimeModel();
  StepTimeModel(const StepTimeModel&) = delete;
  StepTimeModel& operator=(const StepTimeModel&) = delete;
  // Seconds for one iteration; 0 for an empty batch.
  double seconds(const BatchShape& batch);
  // One attention rank's iteration when the replica's attention_dp ranks step in lockstep (attention data
  // parallelism): the rank's own attention-side work, and the MoE layers (routed experts, dispatch, combine) of
  // the group's tokens, `group_mean_tokens` per rank, instead of its own token count on every rank (under
  // two-batch overlap each micro-batch's half of them). Equals seconds() when the ranks hold equal batches and
  // without expert parallelism.
  double lockstep_seconds(const BatchShape& batch, double group_mean_tokens);
  // FLOPs and HBM bytes of one iteration on one GPU (IterationWork); zero for an empty batch.
  IterationWork work(const BatchShape& batch) const;
  // Bytes of weights held by each GPU of the replica.
  double weight_bytes_per_gpu() const { return weight_bytes_per_gpu_; }
  // KV-cache bytes of one token on one GPU (all layers, K and V).
  double kv_bytes_per_token_per_gpu() const { return kv_bytes_per_token_; }
  // Activation workspace reserved per GPU for an iteration of `tokens` tokens (logits included).
  double activation_bytes_per_gpu(int tokens) const;
  const StepTimeOptions& options() const { return options_; }
  // GPUs of one engine: an attention rank (tp / attention_dp GPUs).
  int engine_gpus() const { return options_.tp / options_.attention_dp; }
  // The MoE layers use expert parallelism (ep > 1 or attention data parallelism on a MoE model).
  bool expert_parallel() const { return expert_parallel_ != nullptr; }
  const KernelCostModel& kernels() const { return kernels_; }

 private:
  // GEMMs, elementwise kernels and TP all-reduces of all layers (compute), and the expert-parallel dispatch/combine
  // (communication), for `tokens` tokens; memo by (tokens, prefilling).
  struct LinearSeconds {
    double compute = -1, communication = 0;
    // The MoE layers' share, summed over them (all equal for one token count): the attention-side work that runs
    // between a combine and the next dispatch (attention block, shared experts, TP all-reduce), the routed
    // experts' work, and their dispatch and combine. `comm_sms`: SMs the dispatch/combine kernels occupy.
    int moe_layers = 0, comm_sms = 0;
    double moe_attention_side = 0, moe_experts = 0, dispatch = 0, combine = 0;
  };
  // Two-batch overlap of iterations whose expert communication occupies SMs (DeepEP normal kernels): each
  // communication runs beside the one stage of the other micro-batch launched with it (SGLang's prefill order)
  // and that computation loses the kernels' SMs (tbo_overlap.h).
  double two_batch_prefill_seconds(const LinearSeconds& first, const LinearSeconds& second, double attention) const;
  LinearSeconds per_token_work(int tokens, bool prefilling);
  // One iteration whose MoE layers carry `moe_tokens` tokens per attention rank (seconds(): the batch's own).
  double step_seconds(const BatchShape& batch, int moe_tokens);
  // `own` (the work of `own_tokens` tokens) with its routed experts, dispatch and combine those of `moe_tokens`.
  LinearSeconds with_moe_of(LinearSeconds own, int own_tokens, int moe_tokens, bool prefilling);
  double attention_layer_linear(double tokens) const;  // the attention block's GEMMs and elementwise kernels
  double dense_ffn_layer(double tokens, bool eager_ref) const;
  double prefill_attention(int queries, double pairs);
  double decode_attention(int seqs, double context);
  double head(int rows);  // LM head + sampling (memo by rows)

  ModelSpec model_;
  StepTimeOptions options_;
  KernelCostModel kernels_;
  std::unique_ptr<CollectiveModel> collectives_;
  CommGroup tp_group_;
  double weight_bytes_per_gpu_ = 0;
  double kv_bytes_per_token_ = 0;
  int sm_count_ = 0;  // SMs the communication kernels' share is counted against (contention_sm_count)
  double dense_linear_params_ = 0;  // linear-layer parameters every token uses (attention, dense/shared FFN, router)
  double routed_expert_params_ = 0;  // all routed experts, all layers
  std::unique_ptr<serving_detail::ExpertParallelCost> expert_parallel_;
  std::vector<LinearSeconds> per_token_memo_[2];  // [prefilling]
  FlatMemo attention_memo_;  // by key(kind, bucketed sizes)
  std::vector<double> head_memo_;
};

// Weight bytes of the model, all GPUs of the replica together.
double model_weight_bytes(const ModelSpec& model, Dtype weights);

// One flash-attention call standing for an iteration's prefill chunks: `batch` sequences of s_q queries against
// s_kv keys each, causal (bottom-right aligned), with the same query count and query-key pairs as the chunks.
struct FlashCall {
  double batch = 0, s_q = 0, s_kv = 0;
};
FlashCall prefill_flash_call(double queries, double pairs);

}  // namespace stargate
