#pragma once
// Internal: exposed seconds of tensor-parallel collectives under each TpCommOverlap mode (docs/training-model.md,
// "Overlap modes").
#include "stargate/mapping/parallel_plan.h"

namespace stargate::detail {

// Exposed seconds of one direction's TP collectives (`comm`) beside that direction's GEMMs (`gemm`) under `mode`
// (docs/training-model.md, "Overlap modes"):
// - none: all of `comm`.
// - decomposed (torchtitan async TP): each GEMM split into `tp` chunks, each chunk's transfer under the previous
//   chunk's GEMM: the first chunk's transfer (comm/tp) is exposed, any transfer beyond the GEMMs is exposed, and
//   the GEMMs beside the reduce-scatters (half of `comm`) lose `sm_share` of the SMs for that time.
// - bulk (Transformer Engine userbuffers): forward as decomposed; in backward the gradient all-gathers (half of
//   `comm`) are split beside the dgrad GEMMs (half of `gemm`) and the input-gradient reduce-scatters (the other
//   half) run whole beside the independent wgrad GEMMs: exposed beyond them, with the SM contention.
// - wgrad: exposed like none here; its backward is async_wgrad_backward_comm.
double exposed_tp_comm(TpCommOverlap mode, bool backward, double comm, double gemm, int tp, double sm_share);

// One layer's backward TP collectives under TpCommOverlap::wgrad (Megatron-LM megatron/mpu/layers.py
// LinearWithGradAccumulationAndAsyncCommunication.backward, 2022; Megatron-Core tensor_parallel/layers.py):
// `comm` is one direction's collectives as priced without overlap, `column_wgrad` the weight-gradient GEMM time
// of the column-parallel layers (QKV, FFN up), which equals their input-gradient GEMM time.
// - without SP: the two input-gradient all-reduces (all of `comm`) run beside `column_wgrad`;
// - with SP: the row-parallel layers' gradient all-gathers (half of `comm`) are exposed, the column-parallel input-
//   gradient reduce-scatters (the other half) run beside `column_wgrad`, and the re-gather of the column-parallel
//   layers' sequence-sharded input (one more half, the backward's own traffic) beside their dgrad GEMMs.
// A transfer beside a GEMM is exposed where it outlasts it, and the GEMM loses `sm_share` of the SMs meanwhile.
struct TpBackwardComm {
  double exposed = 0;  // seconds on the critical path
  double traffic = 0;  // seconds of all the backward collectives, exposed or hidden
};
TpBackwardComm async_wgrad_backward_comm(bool sequence_parallel, double comm, double column_wgrad, double sm_share);

}  // namespace stargate::detail
