#pragma once
// Two-batch overlap of a MoE layer whose dispatch/combine kernels occupy SMs (DeepEP normal kernels, prefill).
//
// SGLang's prefill strategy (python/sglang/srt/two_batch_overlap.py → operations_strategy.py,
// `_compute_moe_deepseek_blog_prefill`, tbo_delta_stages = 0) cuts each layer into three stages at its yields —
// [attention, gate, dispatch launch] · [dispatch wait, routed experts, combine launch] · [shared experts, combine
// wait, output] — and runs them A, B, A, B, ..., the third stage running on into the next layer's attention. So
// every communication runs beside exactly one computation of the other micro-batch, and the next stage of its
// own micro-batch waits for it:
//   A.dispatch ‖ B.attention,  B.dispatch ‖ A.experts,  A.combine ‖ B.experts,  B.combine ‖ A.(shared + next attention)
// A layer takes the sum of the four pairs, each the longer of its two sides. While the kernels run, the computation beside them has
// 1 − sm_share of the card (SGLang caps DeepGEMM at the SMs DeepEP leaves it).
namespace stargate::serving_detail {

// One micro-batch's share of one MoE layer, seconds.
struct TboMicroBatch {
  double attention_side = 0;  // attention block (linear + core), router, shared experts, norms
  double experts = 0;         // routed experts' GEMMs, activation, permutation
  double dispatch = 0, combine = 0;
};

// A computation of `compute` seconds beside a communication of `comm` seconds that takes `sm_share` of the SMs:
// until the communication ends the computation runs at 1 − sm_share of its speed. The pair takes the later end:
// comm when the slowed computation fits inside it, else compute + comm · sm_share. Contract: all ≥ 0,
// sm_share < 1; equals max(compute, comm) at sm_share 0.
double overlapped_pair_seconds(double compute, double comm, double sm_share);

// One MoE layer of two micro-batches under SGLang's prefill order: the four pairs above.
double two_batch_moe_layer_seconds(const TboMicroBatch& a, const TboMicroBatch& b, double sm_share);

}  // namespace stargate::serving_detail
