#include "stargate/workload/layer_operators.h"

#include <algorithm>
#include <cmath>

#include "operator_builders.h"

namespace stargate {
namespace {

using detail::gemm;
using detail::kActivationBytes;
using detail::memory;
using detail::up_width;

// Off: attention under context parallelism is priced at the unbalanced pair count (see append_attention).
constexpr bool kCausalLoadBalancedShare = false;

// Scores = Q·Kᵀ per (sequence, head), fused scale-mask-softmax (+ dropout), then scores·V (Megatron-LM 2021).
void append_unfused_attention(const LayerShard& s, double heads, double head_dim, std::vector<Operator>& out) {
  const double s_q = s.seq_len / s.cp;
  const double s_kv = s.seq_len;
  const int groups = static_cast<int>(s.micro_batch * heads);
  Operator scores{"attn_scores", OpKind::grouped_gemm, OpClass::attention};
  scores.groups = groups;
  scores.m = s_q;
  scores.n = s_kv;
  scores.k = head_dim;
  scores.low_precision = false;
  scores.recomputed_by_selective = true;
  out.push_back(scores);
  // Read scores, write probabilities; dropout writes a mask and its output.
  const double elements = s.micro_batch * heads * s_q * s_kv;
  Operator softmax = memory("softmax_dropout", OpClass::attention, elements * (kActivationBytes * 2 + (s.dropout ? 3 : 0)));
  // Megatron fuses scale-mask-softmax; an eager framework would not, but no eager framework ran unfused attention
  // at scale, so the softmax keeps its fused cost.
  softmax.recomputed_by_selective = true;
  out.push_back(softmax);
  Operator context = scores;
  context.name = "attn_context";
  context.n = head_dim;
  context.k = s_kv;
  out.push_back(context);
}

// The attention core of a windowed layer (LayerShard::local_attention) over the rank's `core.s_q` queries. Chunked:
// each chunk attends causally within itself, a batch of whole chunks (exact). Sliding: each query sees the
// `window` keys before it, priced as window-long blocks of queries each against `window` keys without a mask,
// s·window pairs (exact: s·window − window²/2), the band a sliding-window FlashAttention kernel walks tile by
// tile. A window at least as long as the keys changes nothing.
void limit_to_window(const LocalAttention& local, Operator& core) {
  const double window = local.window;
  if (core.s_kv <= window) return;
  const double block = std::min(core.s_q, window);
  core.batch *= core.s_q / block;
  core.s_q = block;
  core.s_kv = window;
  core.causal = local.kind == LocalAttention::Kind::chunked;
}

void append_attention(const ModelSpec& m, const LayerShard& s, double tokens, double norm_tokens,
                      std::vector<Operator>& out) {
  const double h = m.hidden;
  const double t = s.tp;
  const double heads = m.heads / t;
  const double kv_heads = std::max(1.0, m.kv_heads / t);  // KV heads are replicated when tp exceeds them
  out.push_back(memory("attn_norm", OpClass::elementwise, 2 * norm_tokens * h * kActivationBytes, EagerKernel::norm));
  double core_head_dim = m.head_dim;
  double out_k = heads * m.head_dim;
  if (m.mla) {
    const MlaSpec& a = *m.mla;
    const double qk = a.qk_nope_head_dim + a.qk_rope_head_dim;
    if (a.q_lora_rank > 0) {
      out.push_back(gemm("q_down", OpClass::gemm, tokens, a.q_lora_rank, h));
      out.push_back(gemm("q_up", OpClass::gemm, tokens, heads * qk, a.q_lora_rank));
    } else {
      out.push_back(gemm("q_proj", OpClass::gemm, tokens, heads * qk, h));
    }
    out.push_back(gemm("kv_down", OpClass::gemm, tokens, a.kv_lora_rank + a.qk_rope_head_dim, h));
    out.push_back(gemm("kv_up", OpClass::gemm, tokens, heads * (a.qk_nope_head_dim + a.v_head_dim), a.kv_lora_rank));
    core_head_dim = (qk + a.v_head_dim) / 2.0;  // QKᵀ runs at qk width, AV at v width
    out_k = heads * a.v_head_dim;
  } else {
    Operator qkv = gemm("qkv", OpClass::gemm, tokens, (heads + 2 * kv_heads) * m.head_dim, h);
    qkv.matmul_widths = {heads * m.head_dim, kv_heads * m.head_dim, kv_heads * m.head_dim};
    out.push_back(qkv);
  }
  if (m.position == PositionKind::rope) {
    out.push_back(memory("rotary", OpClass::elementwise, 2 * tokens * (heads + kv_heads) * m.head_dim * kActivationBytes,
                         EagerKernel::rotary));
  }
  if (s.flash_attention) {
    Operator core{"attention", OpKind::attention, OpClass::attention};
    core.batch = s.micro_batch;
    core.heads = heads;
    core.kv_heads = m.mla ? heads : kv_heads;
    core.head_dim = core_head_dim;
    // With context parallelism the rank's queries (s/cp) are priced against the whole sequence's keys, the
    // causal pair count s_q·s_kv − s_q²/2 of the last query chunk. Megatron/TE and PyTorch 2.5+ (torchtitan)
    // both split the sequence into 2·cp chunks for causal load balancing (`_cp_options.enable_load_balance`,
    // on by default), which leaves s²/(2·cp) pairs per rank (sim/ring_attention.h), but those pairs run as cp
    // separate kernels merged in fp32, whose cost is not yet modelled: pricing the balanced count as one kernel
    // made every visible CP row 15-60% fast, so the balanced share stays off (kCausalLoadBalancedShare) until
    // the per-step kernels are priced.
    core.s_q = s.seq_len / s.cp;
    core.s_kv = kCausalLoadBalancedShare ? s.seq_len * (s.cp + 1) / (2 * s.cp) : s.seq_len;
    core.recomputed_by_selective = true;
    if (s.local_attention) limit_to_window(*s.local_attention, core);
    out.push_back(core);
  } else {
    append_unfused_attention(s, heads, core_head_dim, out);
  }
  out.push_back(gemm("attn_out", OpClass::gemm, tokens, h, out_k));
  const double residual_bytes = 3 * norm_tokens * h * kActivationBytes + (s.dropout ? norm_tokens * h : 0);
  out.push_back(memory("attn_residual", OpClass::elementwise, residual_bytes));
}


}  // namespace

namespace detail {

void append_dense_ffn(const ModelSpec& m, const LayerShard& s, double tokens, double ffn, const char* up_name,
                      const char* down_name, std::vector<Operator>& out) {
  const double f = ffn / s.tp;
  Operator up = gemm(up_name, OpClass::gemm, tokens, up_width(m.activation, f), m.hidden);
  if (m.activation == Activation::swiglu) up.matmul_widths = {f, f, 0};
  out.push_back(up);
  // Activation: reads the up-projection output, writes the gated result. Eager SwiGLU is silu + mul over f.
  const bool gated = m.activation == Activation::swiglu;
  out.push_back(memory("activation", OpClass::elementwise, (up_width(m.activation, f) + f) * tokens * kActivationBytes,
                       gated ? EagerKernel::gated_activation : EagerKernel::none, 2 * f * tokens * kActivationBytes));
  out.push_back(gemm(down_name, OpClass::gemm, tokens, m.hidden, f));
}

}  // namespace detail

const char* op_class_name(OpClass c) {
  switch (c) {
    case OpClass::gemm: return "gemm";
    case OpClass::attention: return "attention";
    case OpClass::elementwise: return "elementwise";
    case OpClass::moe_routing: return "moe_routing";
    case OpClass::embedding_and_logits: return "embedding_and_logits";
  }
  return "?";
}

double Operator::forward_flops() const {
  switch (kind) {
    case OpKind::gemm: return 2 * m * n * k;
    case OpKind::grouped_gemm: return 2 * m * n * k * groups;
    case OpKind::attention: {
      // Causal pairs with the mask aligned bottom-right: s_q·s_kv − s_q²/2; unmasked: s_q·s_kv.
      const double pairs = causal ? s_q * s_kv - s_q * s_q / 2 : s_q * s_kv;
      return 4 * batch * heads * head_dim * pairs;
    }
    case OpKind::memory_bound: return 0;
  }
  return 0;
}

double Operator::backward_flops() const {
  // GEMM: dgrad + wgrad = 2× forward; attention: FlashAttention-2 backward = 2.5× forward.
  return kind == OpKind::attention ? 2.5 * forward_flops() : 2 * forward_flops();
}

std::vector<double> selective_ops_recompute_fractions(const std::vector<Operator>& ops) {
  std::vector<double> fractions(ops.size(), 0.0);
  int matmuls = 0;  // matmuls of the layer so far; the policy keeps odd-numbered ones, re-runs even-numbered ones
  for (size_t i = 0; i < ops.size(); ++i) {
    const Operator& op = ops[i];
    if (op.kind == OpKind::memory_bound) {
      fractions[i] = 1;
    } else if (op.kind == OpKind::gemm || op.kind == OpKind::grouped_gemm) {
      double total = 0, rerun = 0;
      for (double w : op.matmul_widths) {
        if (w <= 0) continue;
        total += w;
        if (++matmuls % 2 == 0) rerun += w;
      }
      if (total == 0) fractions[i] = ++matmuls % 2 == 0 ? 1 : 0;
      else fractions[i] = rerun / total;
    }
  }
  return fractions;
}

void append_layer_operators(const ModelSpec& m, const LayerShard& s, int layer_index, std::vector<Operator>& out) {
  const double tokens = s.micro_batch * s.seq_len / s.cp;
  // Norms, residuals and dropout run on 1/tp of the tokens under sequence parallelism, else on all of them.
  const double norm_tokens = s.sequence_parallel ? tokens / s.tp : tokens;
  append_attention(m, s, tokens, norm_tokens, out);
  out.push_back(memory("mlp_norm", OpClass::elementwise, 2 * norm_tokens * m.hidden * kActivationBytes, EagerKernel::norm));
  if (m.layer_is_moe(layer_index)) {
    detail::append_moe_ffn(m, s, tokens, out);
  } else {
    detail::append_dense_ffn(m, s, tokens, m.ffn, "ffn_up", "ffn_down", out);
  }
  const double residual_bytes = 3 * norm_tokens * m.hidden * kActivationBytes + (s.dropout ? norm_tokens * m.hidden : 0);
  out.push_back(memory("mlp_residual", OpClass::elementwise, residual_bytes));
}

void append_embedding_operators(const ModelSpec& m, const LayerShard& s, std::vector<Operator>& out) {
  const double tokens = s.micro_batch * s.seq_len / s.cp;
  out.push_back(memory("embedding", OpClass::embedding_and_logits, 2 * tokens * m.hidden * kActivationBytes));
}

void append_output_operators(const ModelSpec& m, const LayerShard& s, std::vector<Operator>& out) {
  const double tokens = s.micro_batch * s.seq_len / s.cp;
  const double norm_tokens = s.sequence_parallel ? tokens / s.tp : tokens;
  out.push_back(memory("final_norm", OpClass::embedding_and_logits, 2 * norm_tokens * m.hidden * kActivationBytes,
                       EagerKernel::norm));
  Operator logits = gemm("logits", OpClass::embedding_and_logits, tokens, static_cast<double>(m.vocab) / s.tp, m.hidden);
  logits.low_precision = false;  // the output layer stays in bf16 under fp8 recipes
  out.push_back(logits);
  // Vocabulary-parallel cross-entropy in fp32, one fused pass: read logits, write softmax, read again for the
  // gradient. Eager frameworks run PyTorch's upcast, log_softmax and nll_loss kernels instead (EagerKernel).
  const double logits_count = tokens * m.vocab / s.tp;
  out.push_back(memory("cross_entropy", OpClass::embedding_and_logits, logits_count * (2 + 4 + 4),
                       EagerKernel::cross_entropy, logits_count * kActivationBytes));
}

}  // namespace stargate
