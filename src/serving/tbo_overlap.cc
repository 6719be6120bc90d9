#include "tbo_overlap.h"

#include <algorithm>

namespace stargate::serving_detail {

double overlapped_pair_seconds(double compute, double comm, double sm_share) {
  if (!(comm > 0)) return compute;
  const double slowed = compute / (1 - sm_share);  // all of it beside the communication
  return std::max(comm, std::min(slowed, compute + comm * sm_share));
}

double two_batch_moe_layer_seconds(const TboMicroBatch& a, const TboMicroBatch& b, double sm_share) {
  return overlapped_pair_seconds(b.attention_side, a.dispatch, sm_share) +
         overlapped_pair_seconds(a.experts, b.dispatch, sm_share) +
         overlapped_pair_seconds(b.experts, a.combine, sm_share) +
         overlapped_pair_seconds(a.attention_side, b.combine, sm_share);
}

}  // namespace stargate::serving_detail
