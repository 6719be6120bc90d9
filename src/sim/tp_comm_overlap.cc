#include "tp_comm_overlap.h"

#include <algorithm>

#include "stage_timing.h"

namespace stargate::detail {
namespace {

// Exposed time of one direction's TP collectives (`comm`, half all-gathers and half reduce-scatters under
// sequence parallelism) overlapped with that direction's GEMMs (`gemm`) by decomposition, as userbuffers and
// PyTorch async-TP do: the GEMM is split into `tp` chunks and each chunk's transfer runs under the previous
// chunk's GEMM, so the first chunk's transfer is exposed, any transfer beyond the GEMMs is exposed, and the GEMMs
// that run beside a reduce-scatter lose the SMs its kernels occupy (`sm_share` of the card); the all-gather ring
// exchange uses copy-engine transfers (userbuffers num_sm: 1) and costs no SMs.
double overlapped_tp_comm(double comm, double gemm, int tp, double sm_share) {
  const double first_chunk = comm / tp;
  const double rest = comm - first_chunk;
  const double beyond = std::max(0.0, rest - gemm);
  const double beside_reduce_scatter = std::min(gemm, rest / 2);
  return first_chunk + beyond + overlap_contention_seconds(beside_reduce_scatter, sm_share);
}

}  // namespace

TpBackwardComm async_wgrad_backward_comm(bool sequence_parallel, double comm, double column_wgrad, double sm_share) {
  // Without SP: both all-reduces beside the wgrad. With SP: the all-gathers (half of `comm`) exposed, the
  // reduce-scatters (the other half) beside the wgrad, the input re-gather (one more half) beside the dgrad.
  const double beside_wgrad = sequence_parallel ? comm / 2 : comm;
  const double exposed_gathers = sequence_parallel ? comm / 2 : 0;
  const double beside_dgrad = sequence_parallel ? comm / 2 : 0;
  auto exposed_beside = [&](double transfer) {
    return std::max(0.0, transfer - column_wgrad) +
           overlap_contention_seconds(std::min(transfer, column_wgrad), sm_share);
  };
  return TpBackwardComm{.exposed = exposed_gathers + exposed_beside(beside_wgrad) + exposed_beside(beside_dgrad),
                        .traffic = exposed_gathers + beside_wgrad + beside_dgrad};
}

double exposed_tp_comm(TpCommOverlap mode, bool backward, double comm, double gemm, int tp, double sm_share) {
  if (mode == TpCommOverlap::none || mode == TpCommOverlap::wgrad) return comm;
  if (mode == TpCommOverlap::decomposed || !backward) return overlapped_tp_comm(comm, gemm, tp, sm_share);
  const double half = comm / 2, window = gemm / 2;
  const double all_gather = half / tp + std::max(0.0, half - half / tp - window);
  const double reduce_scatter = std::max(0.0, half - window) + overlap_contention_seconds(std::min(half, window), sm_share);
  return all_gather + reduce_scatter;
}

}  // namespace stargate::detail
