#include "stargate/sim/expert_dispatch.h"

#include <algorithm>

namespace stargate {

double expert_holder_hit_probability(int experts, int top_k, int holders) {
  if (holders <= 1) return 1;
  const double e = experts;
  const double held = e / holders;
  const int k = std::min(top_k, experts);
  double miss = 1;  // none of the k draws (without replacement) lands on the holder's experts
  for (int i = 0; i < k; ++i) {
    const double elsewhere = e - held - i;
    if (elsewhere <= 0) return 1;
    miss *= elsewhere / (e - i);
  }
  return 1 - miss;
}

namespace {

struct Rows {
  double rdma = 0;    // rows one rank sends over the scale-out fabric
  double nvlink = 0;  // rows it sends (forwards) inside its scale-up domain
};

// DeepEP: a token goes once to each other node holding one of its experts, then once to each GPU of that node
// holding one; the row lands on the GPU with the sender's local index, so 1/g of the (token, GPU) pairs need no
// NVLink hop.
Rows deepep_rows(const ExpertDispatchShape& s) {
  const int g = std::clamp(s.ep_group.ranks_per_domain, 1, s.ep);
  const int nodes = s.ep_group.domains();
  const double per_node = expert_holder_hit_probability(s.experts, s.top_k, nodes);
  const double per_gpu = expert_holder_hit_probability(s.experts, s.top_k, s.ep);
  return {.rdma = s.tokens * (nodes - 1) * per_node, .nvlink = s.tokens * s.ep * per_gpu * (g - 1.0) / g};
}

// NCCL all-to-all of one row per (token, expert): the rows for experts in other domains cross the fabric.
Rows alltoall_rows(const ExpertDispatchShape& s) {
  const double n = s.ep, g = std::clamp(s.ep_group.ranks_per_domain, 1, s.ep);
  const double rows = s.tokens * s.top_k;
  return {.rdma = rows * (n - g) / n, .nvlink = rows * (g - 1) / n};
}

// Seconds of one DeepEP dispatch or combine of `rows` at `bytes_per_element`: the slower of the pipelined RDMA
// and NVLink legs at the busiest rank, plus the count-exchange latency of one all-to-all.
double deepep_leg_seconds(const ExpertDispatchShape& s, const Rows& rows, double bytes_per_element, double latency) {
  const double row_bytes = s.hidden * bytes_per_element;
  const double rdma_rate = s.nic_bytes_per_s * kDeepEpRdmaEfficiency;
  const double nvlink_rate = s.scale_up_bytes_per_s * kDeepEpNvlinkEfficiency;
  double seconds = 0;
  if (nvlink_rate > 0 && rdma_rate > 0) {
    seconds = std::max(rows.rdma * row_bytes / rdma_rate, rows.nvlink * row_bytes / nvlink_rate);
  } else if (rdma_rate > 0 || nvlink_rate > 0) {  // one network carries both legs (DeepEP's PCIe mode)
    seconds = (rows.rdma + rows.nvlink) * row_bytes / std::max(rdma_rate, nvlink_rate);
  }
  return seconds * s.imbalance + latency;
}

}  // namespace

ExpertDispatchCost expert_dispatch_cost(MoeDispatcher dispatcher, const ExpertDispatchShape& s,
                                        const CollectiveModel& net) {
  ExpertDispatchCost cost;
  // Expert TP: the received rows (busiest rank) all-gathered after dispatch, reduce-scattered before combine;
  // in backward the gradients take the mirror collectives.
  double etp = 0;
  if (s.etp_group.size > 1) {
    const double gathered = s.tokens * s.top_k * s.imbalance * s.etp_group.size * s.hidden * 2;
    etp = net.seconds(Collective::all_gather, gathered, s.etp_group) +
          net.seconds(Collective::reduce_scatter, gathered, s.etp_group);
  }
  cost.forward_seconds = cost.backward_seconds = etp;
  if (s.ep <= 1 || s.tokens <= 0) return cost;
  if (dispatcher == MoeDispatcher::deepep) {
    const Rows rows = deepep_rows(s);
    const double latency = net.seconds(Collective::all_to_all, 1, s.ep_group);
    const double dispatch = deepep_leg_seconds(s, rows, s.dispatch_bytes_per_element, latency);
    const double other = deepep_leg_seconds(s, rows, s.other_bytes_per_element, latency);
    cost.rdma_bytes = rows.rdma * s.hidden * 2;
    cost.nvlink_bytes = rows.nvlink * s.hidden * 2;
    cost.forward_seconds += dispatch + other;
    cost.backward_seconds += 2 * other;
    return cost;
  }
  const Rows rows = alltoall_rows(s);
  cost.rdma_bytes = rows.rdma * s.hidden * 2;
  cost.nvlink_bytes = rows.nvlink * s.hidden * 2;
  const double one = net.seconds(Collective::all_to_all, s.tokens * s.top_k * s.imbalance * s.hidden * 2, s.ep_group);
  cost.forward_seconds += 2 * one;
  cost.backward_seconds += 2 * one;
  return cost;
}

}  // namespace stargate
