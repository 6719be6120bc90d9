// The mixture-of-experts block of a transformer layer (docs/training-model.md "Mixture of experts").
#include <algorithm>
#include <cmath>

#include "operator_builders.h"

namespace stargate {

namespace detail {
namespace {

// A memory-bound copy (read + write `bytes`) whose backward copies the gradient the other way (same bytes).
Operator copy(const char* name, double bytes) {
  Operator op = memory(name, OpClass::moe_routing, bytes);
  op.backward_bytes = bytes;
  return op;
}

}  // namespace

// Megatron-Core MoELayer (megatron/core/transformer/moe/moe_layer.py, token_dispatcher.py): router GEMM and
// top-k softmax on this rank's tokens; permute one row per (token, expert) pair; dispatch (sim/expert_dispatch.h);
// all-gather over expert TP; sort rows by local expert (alltoall dispatcher); grouped expert GEMMs; the mirror
// image on the way back.
void append_moe_ffn(const ModelSpec& m, const LayerShard& s, double tokens, std::vector<Operator>& out) {
  const MoeSpec& moe = *m.moe;
  const double h = m.hidden;
  const double own = moe_tokens_per_rank(s);
  Operator router = gemm("router", OpClass::moe_routing, own, moe.routed_experts, h);
  router.low_precision = false;
  out.push_back(router);
  out.push_back(memory("topk_softmax", OpClass::moe_routing, own * moe.routed_experts * 4 * 2));
  const double sent = own * moe.top_k;
  // Rows this rank's experts process: on average what it sent, times the expert-TP gather; the busiest rank
  // (expert_load_imbalance) sets the pace.
  const int etp = std::max(1, s.expert_tp);
  const double routed = sent * etp * s.expert_load_imbalance;
  const int local_experts = std::max(1, moe.routed_experts / s.ep);
  const bool sorted = s.expert_rows_sorted_after_dispatch && local_experts > 1 && s.ep * etp > 1;
  out.push_back(memory("permute", OpClass::moe_routing, 2 * (sorted ? sent : routed) * h * kActivationBytes));
  if (sorted) out.push_back(memory("sort_chunks", OpClass::moe_routing, 2 * routed * h * kActivationBytes));
  // Fp8Padding: rows copied into an aligned buffer (forward), the gradient copied back (backward).
  const bool padded = s.expert_row_alignment > 0;
  const double copy_bytes = 2 * routed * h * kActivationBytes;
  if (padded) out.push_back(copy("fp8_pad", copy_bytes));
  const double f = static_cast<double>(moe.expert_ffn) / etp;
  Operator up{"expert_up", OpKind::grouped_gemm, OpClass::gemm};
  up.groups = local_experts;
  up.m = routed / local_experts;
  up.n = up_width(m.activation, f);
  up.k = h;
  out.push_back(up);
  out.push_back(memory("expert_activation", OpClass::elementwise, (up.n + f) * routed * kActivationBytes,
                       m.activation == Activation::swiglu ? EagerKernel::gated_activation : EagerKernel::none,
                       2 * f * routed * kActivationBytes));
  Operator down = up;
  down.name = "expert_down";
  down.n = h;
  down.k = f;
  out.push_back(down);
  if (padded) out.push_back(copy("fp8_unpad", copy_bytes));
  if (sorted) out.push_back(memory("unsort_chunks", OpClass::moe_routing, 2 * routed * h * kActivationBytes));
  out.push_back(memory("unpermute", OpClass::moe_routing, 2 * (sorted ? sent : routed) * h * kActivationBytes));
  if (moe.shared_experts > 0) {
    append_dense_ffn(m, s, tokens, static_cast<double>(moe.expert_ffn) * moe.shared_experts, "shared_up",
                     "shared_down", out);
  }
}

}  // namespace detail

double padded_capacity_load(double tokens, int top_k, int experts, double capacity_factor) {
  if (!(tokens > 0) || !(capacity_factor > 0) || top_k < 1 || experts < 1) return 1;
  const double mean = tokens * top_k / experts;
  return std::ceil(mean * capacity_factor - 1e-9) / mean;  // tolerance: an exact product stays put
}

double padded_capacity_rows_per_expert(double tokens, int top_k, int experts, double capacity_factor, int sources) {
  if (!(tokens > 0) || !(capacity_factor > 0) || top_k < 1 || experts < 1) return 0;
  return std::ceil(tokens * top_k / experts * capacity_factor - 1e-9) * std::max(1, sources);
}

double moe_tokens_per_rank(const LayerShard& s) { return s.micro_batch * s.seq_len / s.cp / std::max(1, s.tp); }

double expected_expert_load_imbalance(double tokens, int top_k, int experts, int ep) {
  if (ep <= 1 || tokens <= 0) return 1;
  // Assignments arriving at one EP rank: Binomial(N, 1/ep) with N = tokens·top_k·ep from the whole EP group.
  const double n = tokens * top_k * ep;
  const double p = 1.0 / ep;
  const double mean = n * p;
  const double sd = std::sqrt(n * p * (1 - p));
  (void)experts;
  return (mean + sd * std::sqrt(2 * std::log(static_cast<double>(ep)))) / mean;
}

}  // namespace stargate
