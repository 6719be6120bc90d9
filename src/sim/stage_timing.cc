#include "stage_timing.h"

#include <algorithm>

#include "operator_timing.h"
#include "stargate/sim/expert_dispatch.h"
#include "stargate/sim/ring_attention.h"

namespace stargate::detail {
namespace {

// Sums operator times into `out`; returns the forward time of GEMMs and of attention (for overlap windows).
struct OverlapWindows {
  double gemm_forward = 0, gemm_backward = 0, attention_forward = 0, attention_backward = 0;
  // Backward of the column-parallel GEMMs (those reading the hidden-wide layer input: QKV, FFN up), whose input
  // gradients are the layer's backward TP collectives.
  double column_parallel_backward = 0;
};

// `checkpointed`: the ops form a transformer layer, the unit activation checkpointing wraps (the embedding and
// output layers are never recomputed).
OverlapWindows accumulate(const StageContext& c, const std::vector<Operator>& ops, StageTimes& out, bool checkpointed) {
  OverlapWindows w;
  double layer_forward = 0;
  std::vector<double> op_sac;
  if (checkpointed && c.plan.recompute == Recompute::selective_ops) op_sac = selective_ops_recompute_fractions(ops);
  for (size_t i = 0; i < ops.size(); ++i) {
    const Operator& op = ops[i];
    const OpTimes t = time_operator(op, c.kernels, c.plan.precision, c.eager, c.plan.fp8_recipe, c.grouped_gemm);
    out.forward += t.forward;
    out.backward += t.backward;
    layer_forward += t.forward;
    out.compute_by_class[static_cast<int>(op.op_class)] += t.forward + t.backward;
    if (op.kind == OpKind::gemm || op.kind == OpKind::grouped_gemm) {
      w.gemm_forward += t.forward;
      w.gemm_backward += t.backward;
    }
    if (op.kind == OpKind::gemm && op.op_class == OpClass::gemm && op.k == c.model.hidden) {
      w.column_parallel_backward += t.backward;
    }
    if (op.op_class == OpClass::attention) {
      w.attention_forward += t.forward;
      w.attention_backward += t.backward;
    }
    if (c.plan.recompute == Recompute::selective && op.recomputed_by_selective) out.recompute += t.forward;
    if (!op_sac.empty()) out.recompute += op_sac[i] * t.forward;
  }
  if (checkpointed && c.plan.recompute == Recompute::full) out.recompute += layer_forward;
  out.backward += out.recompute;
  return w;
}

// Tensor-parallel collectives of one layer in one direction: with sequence parallelism two all-gathers and two
// reduce-scatters of the layer's activations, otherwise two all-reduces (Korthikanti et al. 2022 §4.2.2).
double tp_layer_comm(const StageContext& c) {
  const double bytes = c.shard.micro_batch * c.shard.seq_len / c.shard.cp * c.model.hidden * 2;
  const CollectiveModel& net = c.collectives;
  if (c.plan.sequence_parallel) {
    return 2 * net.seconds(Collective::all_gather, bytes, c.groups.tp) +
           2 * net.seconds(Collective::reduce_scatter, bytes, c.groups.tp);
  }
  return 2 * net.seconds(Collective::all_reduce, bytes, c.groups.tp);
}

// The shape of one MoE layer's dispatch for this rank (sim/expert_dispatch.h). DeepEP sends the forward
// dispatch in fp8 when the GEMMs run in fp8 (DeepEP's "FP8 dispatching and BF16 combining", the DeepSeek-V3
// recipe, §3.3); the alltoall dispatcher moves bf16 rows.
ExpertDispatchShape dispatch_shape(const StageContext& c) {
  const MoeSpec& moe = *c.model.moe;
  const bool fp8_rows = c.plan.moe_dispatcher == MoeDispatcher::deepep && c.plan.precision == Dtype::fp8;
  return ExpertDispatchShape{.tokens = moe_tokens_per_rank(c.shard),
                             .hidden = static_cast<double>(c.model.hidden),
                             .top_k = moe.top_k,
                             .experts = moe.routed_experts,
                             .ep = c.plan.ep,
                             .ep_group = c.groups.ep,
                             .etp_group = c.groups.etp,
                             .imbalance = c.shard.expert_load_imbalance,
                             .dispatch_bytes_per_element = fp8_rows ? 1 + 4.0 / 128 : 2,
                             .other_bytes_per_element = 2,
                             .nic_bytes_per_s = c.nic_bytes_per_s,
                             .scale_up_bytes_per_s = c.scale_up_bytes_per_s};
}

}  // namespace

}  // namespace stargate::detail

namespace stargate {

MicroBatchTimes& MicroBatchTimes::operator+=(const MicroBatchTimes& o) {
  forward += o.forward;
  backward += o.backward;
  for (int i = 0; i < kOpClassCount; ++i) compute_by_class[i] += o.compute_by_class[i];
  recompute += o.recompute;
  tp_comm += o.tp_comm;
  cp_comm += o.cp_comm;
  ep_comm += o.ep_comm;
  tp_comm_overlapped += o.tp_comm_overlapped;
  cp_comm_overlapped += o.cp_comm_overlapped;
  ep_comm_overlapped += o.ep_comm_overlapped;
  return *this;
}

MicroBatchTimes MicroBatchTimes::scaled(double f) const {
  MicroBatchTimes s = *this;
  s.forward *= f;
  s.backward *= f;
  for (double& v : s.compute_by_class) v *= f;
  s.recompute *= f;
  s.tp_comm *= f;
  s.cp_comm *= f;
  s.ep_comm *= f;
  s.tp_comm_overlapped *= f;
  s.cp_comm_overlapped *= f;
  s.ep_comm_overlapped *= f;
  return s;
}

}  // namespace stargate

namespace stargate::detail {

StageTimes time_layer(const StageContext& c, int layer_index, std::vector<Operator>& scratch) {
  scratch.clear();
  append_layer_operators(c.model, c.shard, layer_index, scratch);
  StageTimes t;
  const OverlapWindows w = accumulate(c, scratch, t, /*checkpointed=*/true);

  if (c.plan.tp > 1) {
    const double comm = tp_layer_comm(c);
    const TpCommOverlap mode = c.plan.tp_comm_overlap;
    const double fwd = exposed_tp_comm(mode, false, comm, w.gemm_forward, c.plan.tp, c.collective_sm_share);
    // Megatron's asynchronous gradient collectives: the column-parallel GEMMs' wgrad (half their backward, as
    // much work as their dgrad) is the window.
    const TpBackwardComm backward =
        mode == TpCommOverlap::wgrad
            ? async_wgrad_backward_comm(c.plan.sequence_parallel, comm, w.column_parallel_backward / 2,
                                        c.collective_sm_share)
            : TpBackwardComm{.exposed = exposed_tp_comm(mode, true, comm, w.gemm_backward, c.plan.tp,
                                                        c.collective_sm_share),
                             .traffic = comm};
    const double bwd = backward.exposed;
    // Full recompute re-runs all four collectives; operator-level checkpointing keeps the reduce-scatter outputs
    // (torchtitan's save list) and re-runs the all-gathers, half of them.
    const double rerun = c.plan.recompute == Recompute::full ? 1
                         : c.plan.recompute == Recompute::selective_ops && c.plan.sequence_parallel ? 0.5 : 0;
    const double recompute = rerun * fwd;
    t.tp_comm = fwd + bwd + recompute;
    t.tp_comm_overlapped = std::max(0.0, (1 + rerun) * comm + backward.traffic - t.tp_comm);
    t.forward += fwd;
    t.backward += bwd + recompute;
  }
  if (c.plan.cp > 1) {
    // Ring attention (sim/ring_attention.h): K,V of this rank's chunks go round the CP group in cp−1 steps, each
    // beside 1/cp of the attention kernel; backward also returns dK, dV. Recomputing the attention core (full or
    // selective recompute) runs the forward ring again.
    const double kv_width = static_cast<double>(std::max(c.model.kv_heads, c.plan.tp)) * c.model.head_dim / c.plan.tp;
    const double bytes = ring_forward_step_bytes(c.shard.micro_batch, c.shard.seq_len, c.plan.cp, kv_width, 2);
    const double step_forward = c.collectives.seconds(Collective::send_recv, bytes, c.groups.cp);
    const double step_backward = c.collectives.seconds(Collective::send_recv, 2 * bytes, c.groups.cp);
    const double fwd = ring_exchange_exposed_seconds(step_forward, w.attention_forward, c.plan.cp);
    const double bwd = ring_exchange_exposed_seconds(step_backward, w.attention_backward, c.plan.cp);
    const bool attention_recomputed = c.plan.recompute == Recompute::full || c.plan.recompute == Recompute::selective;
    const double recompute = attention_recomputed ? fwd : 0;
    t.cp_comm = fwd + bwd + recompute;
    const double ring_steps = c.plan.cp - 1;
    t.cp_comm_overlapped = std::max(
        0.0, ring_steps * ((attention_recomputed ? 2 : 1) * step_forward + step_backward) - t.cp_comm);
    t.forward += fwd;
    t.backward += bwd + recompute;
  }
  if ((c.plan.ep > 1 || c.plan.expert_tp > 1) && c.model.layer_is_moe(layer_index)) {
    const ExpertDispatchCost d = expert_dispatch_cost(c.plan.moe_dispatcher, dispatch_shape(c), c.collectives);
    // Exposed part: all of it, or with EP overlap (Megatron --overlap-moe-expert-parallel-comm, DualPipe) only
    // what exceeds the other micro-batch's compute in the opposite direction that it runs beside, plus the SMs
    // the dispatch kernels take from that compute.
    const double compute_forward = t.forward, compute_backward = t.backward - t.recompute;
    double fwd = d.forward_seconds, bwd = d.backward_seconds;
    if (c.plan.ep_comm_overlap) {
      fwd = std::max(0.0, d.forward_seconds - compute_backward);
      bwd = std::max(0.0, d.backward_seconds - compute_forward);
      fwd += overlap_contention_seconds(d.forward_seconds - fwd, c.collective_sm_share);
      bwd += overlap_contention_seconds(d.backward_seconds - bwd, c.collective_sm_share);
    }
    const double recompute = c.plan.recompute == Recompute::full ? fwd : 0;
    t.ep_comm = fwd + bwd + recompute;
    const double traffic = d.forward_seconds + d.backward_seconds +
                           (c.plan.recompute == Recompute::full ? d.forward_seconds : 0);  // all of it, hidden or not
    t.ep_comm_overlapped = std::max(0.0, traffic - t.ep_comm);
    t.forward += fwd;
    t.backward += bwd + recompute;
  }
  return t;
}

StageTimes time_embedding(const StageContext& c, std::vector<Operator>& scratch) {
  scratch.clear();
  append_embedding_operators(c.model, c.shard, scratch);
  StageTimes t;
  accumulate(c, scratch, t, /*checkpointed=*/false);
  if (c.plan.tp > 1) {
    // Vocabulary-parallel embedding: partial lookups reduced across TP (reduce-scatter under SP).
    const double bytes = c.shard.micro_batch * c.shard.seq_len / c.plan.cp * c.model.hidden * 2;
    const Collective op = c.plan.sequence_parallel ? Collective::reduce_scatter : Collective::all_reduce;
    t.tp_comm = c.collectives.seconds(op, bytes, c.groups.tp);
    t.forward += t.tp_comm;
  }
  return t;
}

StageTimes time_output(const StageContext& c, std::vector<Operator>& scratch) {
  scratch.clear();
  append_output_operators(c.model, c.shard, scratch);
  StageTimes t;
  accumulate(c, scratch, t, /*checkpointed=*/false);
  if (c.plan.tp > 1 && c.plan.sequence_parallel) {
    // Gather the sequence-parallel hidden states before the vocabulary projection; scatter the gradient back.
    const double bytes = c.shard.micro_batch * c.shard.seq_len / c.plan.cp * c.model.hidden * 2;
    const double ag = c.collectives.seconds(Collective::all_gather, bytes, c.groups.tp);
    t.tp_comm = 2 * ag;
    t.forward += ag;
    t.backward += ag;
  }
  return t;
}

}  // namespace stargate::detail
