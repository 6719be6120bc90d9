#pragma once
// The operators of one transformer layer (and of the embedding and output layers) for one micro-batch on one
// GPU, in forward order, with their shapes. Backward work is derived per operator kind (GEMM → dgrad + wgrad,
// attention → flash backward, memory-bound → twice the bytes). FLOPs and bytes follow DESIGN.md's references.
#include <array>
#include <optional>
#include <vector>

#include "stargate/catalog/dtype.h"
#include "stargate/workload/eager_kernel.h"
#include "stargate/workload/model.h"

namespace stargate {

enum class OpKind { gemm, grouped_gemm, attention, memory_bound };

// Where an operator's time is reported in a step breakdown.
enum class OpClass { gemm, attention, elementwise, moe_routing, embedding_and_logits };
inline constexpr int kOpClassCount = 5;
const char* op_class_name(OpClass c);

struct Operator {
  const char* name;  // "qkv", "ffn_up", ...
  OpKind kind;
  OpClass op_class;
  // gemm: C[m,n] = A[m,k]·B[k,n]; grouped_gemm: `groups` such GEMMs with m rows each.
  double m = 0, n = 0, k = 0;
  int groups = 1;
  // attention: batch, query heads, KV heads, head dim, queries, keys; `causal`: the mask is aligned bottom-right
  // (s_q·s_kv − s_q²/2 pairs), else every query sees every key (s_q·s_kv pairs: a sliding window's band).
  double batch = 0, heads = 0, kv_heads = 0, head_dim = 0, s_q = 0, s_kv = 0;
  bool causal = true;
  // memory_bound: bytes read + written in forward.
  double bytes = 0;
  bool low_precision = true;  // GEMM runs at the plan's precision (fp8 when enabled); false keeps bf16
  bool recomputed_by_selective = false;  // re-run in backward under selective recompute (attention core)
  // Output widths of the separate matmuls a fused GEMM stands for, in execution order (QKV = q, k, v; gated up
  // projection = gate, up); all zero = one matmul. Used by operator-level checkpointing, which counts matmuls.
  std::array<double, 3> matmul_widths{};
  // How a memory-bound op expands when the framework runs it as separate eager ops (see perf/eager_elementwise.h).
  EagerKernel eager = EagerKernel::none;
  // Read + written bytes of the tensor the eager ops pass over (per pass), 0 = `bytes`. For `cross_entropy`: the
  // bf16 logits' bytes (2 per logit), which the eager kernels' per-logit byte counts multiply.
  double eager_bytes = 0;
  // memory_bound: bytes read + written in backward; 0 = twice `bytes` (a pass that reads the saved input and the
  // incoming gradient and writes the input gradient). A pure copy's backward is a copy of the gradient: `bytes`.
  double backward_bytes = 0;

  double forward_flops() const;
  double backward_flops() const;
};

// How one GPU's share of a layer is cut: tensor parallel `tp` (with sequence parallelism for norms/dropout),
// context parallel `cp`, expert parallel `ep` with each expert split over `expert_tp` ranks.
struct LayerShard {
  int tp = 1;
  int cp = 1;
  int ep = 1;
  bool sequence_parallel = true;
  double micro_batch = 1;  // sequences
  double seq_len = 0;      // full sequence length, tokens
  // Busiest EP rank's routed tokens relative to the mean (≥ 1), from routing statistics.
  double expert_load_imbalance = 1;
  bool dropout = false;
  // FlashAttention (fused, scores never stored) or the unfused attention of Megatron-LM before 2023: two batched
  // GEMMs around a softmax (+ dropout) over the b·heads·s² scores.
  bool flash_attention = true;
  // Expert tensor parallelism: each expert FFN split over this many ranks, which all-gather each other's routed
  // tokens (Megatron --expert-tensor-parallel-size).
  int expert_tp = 1;
  // The dispatcher delivers rows grouped by source rank, so they are sorted by local expert after dispatch and
  // back before combine (Megatron's alltoall dispatcher, sort_chunks_by_idxs); false when the dispatch already
  // lays them out per expert (DeepEP through Megatron's flex dispatcher, one fused permute).
  bool expert_rows_sorted_after_dispatch = true;
  // Low-precision grouped expert GEMMs need each expert's rows in multiples of this many (TE's Fp8Padding align
  // size: 16, or 32 for MXFP8/NVFP4); when the rows per expert are not all aligned, the received rows are copied
  // into a padded buffer before the first expert GEMM and back after the second (Megatron-Core TEGroupedMLP
  // fp8_padding / fp8_unpadding). 0: no padding copies (bf16 GEMMs, or counts known to be aligned).
  int expert_row_alignment = 0;
  // Set when this layer attends within a window (one of ModelSpec::local_attention's layers); the attention core
  // then covers the window's pairs only (append_layer_operators). Unset: full causal attention.
  std::optional<LocalAttention> local_attention;
};

// Tokens one rank routes through the MoE block per micro-batch: its share of the micro-batch's tokens, 1/tp of
// them when tp > 1 (Megatron requires sequence parallelism with MoE and TP, so each TP rank routes its own
// sequence shard).
double moe_tokens_per_rank(const LayerShard& shard);

// Fraction of each operator's forward work that operator-level selective checkpointing (Recompute::selective_ops)
// re-runs in backward, for the operators of one layer in order: every second matmul (counting the constituents
// of fused GEMMs) and every memory-bound op; attention and the other matmuls are kept. Same length as `ops`.
std::vector<double> selective_ops_recompute_fractions(const std::vector<Operator>& ops);

// Operators of transformer layer `layer_index` (dense or MoE per the model). Appends to `out`.
void append_layer_operators(const ModelSpec& model, const LayerShard& shard, int layer_index,
                            std::vector<Operator>& out);
// Input embedding lookup (first pipeline stage).
void append_embedding_operators(const ModelSpec& model, const LayerShard& shard, std::vector<Operator>& out);
// Final norm, vocabulary projection and cross-entropy loss (last pipeline stage).
void append_output_operators(const ModelSpec& model, const LayerShard& shard, std::vector<Operator>& out);

// Expected max-over-ranks / mean of routed tokens when `tokens` tokens each pick `top_k` of `experts` experts
// uniformly and the experts are spread over `ep` ranks (binomial counts, Gaussian extreme-value estimate).
double expected_expert_load_imbalance(double tokens, int top_k, int experts, int ep);

// Token dropping with padding to capacity (Megatron-Core --moe-expert-capacity-factor with
// --moe-pad-expert-input-to-capacity; moe_utils.get_capacity): each rank sends every expert exactly
// ceil(tokens·top_k / experts · capacity_factor) rows, dropping the excess and padding the rest, so every EP rank
// receives the same rows. Returns those rows over the dropless mean tokens·top_k / experts per expert (1 when the
// capacity divides evenly at factor 1). 1 for tokens ≤ 0 or capacity_factor ≤ 0.
double padded_capacity_load(double tokens, int top_k, int experts, double capacity_factor);

// Rows each local expert receives under padding to capacity: the per-source capacity times the ep·expert_tp
// source ranks (Megatron's num_tokens_per_local_expert = capacity · tp_size · ep_size).
double padded_capacity_rows_per_expert(double tokens, int top_k, int experts, double capacity_factor, int sources);

}  // namespace stargate
