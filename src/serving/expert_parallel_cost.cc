#include "expert_parallel_cost.h"

#include <algorithm>
#include <cmath>

#include "stargate/sim/expert_dispatch.h"

namespace stargate::serving_detail {

double expected_expert_imbalance(double rows, int ep) {
  if (ep <= 1 || !(rows > 0)) return 1;
  const double mean = rows / ep;
  return std::min<double>(ep, 1 + std::sqrt(2 * std::log(double(ep)) / mean));
}

ExpertParallelCost::ExpertParallelCost(const ModelSpec& model, const Cluster& cluster,
                                       const ExpertParallelLayout& layout, Dtype weights)
    : model_(model), layout_(layout), weights_(weights) {
  nic_bytes_per_s_ = cluster.node.nic_bandwidth_per_gpu_bytes_per_s;
  scale_up_bytes_per_s_ = cluster.accelerator.scale_up_bandwidth_bytes_per_s;
  scale_up_domain_ = std::max(1, cluster.node.scale_up_domain);
  gpus_per_domain_ = std::clamp(cluster.node.scale_up_domain, 1, std::max(1, layout.ep));
}

double ExpertParallelCost::imbalance(double tokens) const {
  const double rows = tokens * layout_.attention_dp * model_.moe->top_k;  // all attention ranks' (token, expert) pairs
  return layout_.moe.expert_imbalance > 0 ? layout_.moe.expert_imbalance : expected_expert_imbalance(rows, layout_.ep);
}

double ExpertParallelCost::busiest_rank_rows(double tokens) const {
  return tokens * layout_.attention_dp * model_.moe->top_k / layout_.ep * imbalance(tokens);
}

double ExpertParallelCost::expert_weight_bytes_per_gpu() const {
  const ParameterCount p = count_parameters(model_);
  const MoeSpec& moe = *model_.moe;
  const double slots = double(moe.routed_experts + layout_.moe.redundant_experts) / moe.routed_experts;
  return p.experts * slots / layout_.tp * dtype_bytes(weights_);
}

// Low-latency kernels: one row per (token, expert); rows for experts on other nodes go over the NIC, rows for
// the node's other GPUs over NVLink, pipelined (the slower leg sets the time), the busiest receiver scaled by
// the imbalance.
double ExpertParallelCost::low_latency_seconds(double tokens_per_gpu, double bytes_per_element) const {
  const MoeSpec& moe = *model_.moe;
  const double ep = layout_.ep, g = gpus_per_domain_;
  const double rows = tokens_per_gpu * moe.top_k;
  const double row_bytes = model_.hidden * bytes_per_element;
  const double remote = rows * (ep - g) / ep * row_bytes, local = rows * (g - 1) / ep * row_bytes;
  const double rdma_rate = nic_bytes_per_s_ * kDeepEpLowLatencyRdmaEfficiency;
  const double nvlink_rate = scale_up_bytes_per_s_ * kDeepEpNvlinkEfficiency;
  double seconds = 0;
  if (remote > 0) seconds = rdma_rate > 0 ? remote / rdma_rate : remote / std::max(nvlink_rate, 1.0);
  if (local > 0 && nvlink_rate > 0) seconds = std::max(seconds, local / nvlink_rate);
  return seconds * imbalance(tokens_per_gpu);
}

ExpertLayerSeconds ExpertParallelCost::layer(const KernelCostModel& k, const CollectiveModel& net, double tokens,
                                             bool prefilling) const {
  ExpertLayerSeconds out;
  if (tokens <= 0) return out;
  const MoeSpec& moe = *model_.moe;
  const double h = model_.hidden, f = double(moe.expert_ffn) / layout_.expert_tp();
  const int local_experts = (moe.routed_experts + layout_.moe.redundant_experts) / layout_.ep;
  const double rows = busiest_rank_rows(tokens);
  const int groups = static_cast<int>(std::clamp(std::ceil(rows), 1.0, double(std::max(1, local_experts))));
  const double m = rows / groups;
  out.compute += k.gemm_seconds(tokens, moe.routed_experts, h, Dtype::bf16);  // router on the rank's tokens
  out.compute += k.grouped_gemm_seconds(groups, m, 2 * f, h, weights_) + k.grouped_gemm_seconds(groups, m, h, f, weights_);
  out.compute += k.memory_bound_seconds(rows * f * 2 * 3);   // SiLU·mul of gate/up
  out.compute += k.memory_bound_seconds(rows * h * 2 * 2);   // permute into and out of the experts' layout
  const double per_gpu = tokens / layout_.attention_tp();      // tokens each GPU dispatches
  const CommGroup ep_group{layout_.ep, gpus_per_domain_};
  const bool normal = layout_.moe.dispatch == MoeServing::Dispatch::normal ||
                      (layout_.moe.dispatch == MoeServing::Dispatch::automatic && prefilling);
  if (normal) {
    ExpertDispatchShape shape{.tokens = per_gpu, .hidden = h, .top_k = moe.top_k,
                              .experts = moe.routed_experts + layout_.moe.redundant_experts, .ep = layout_.ep,
                              .ep_group = ep_group, .etp_group = CommGroup{layout_.expert_tp(), layout_.expert_tp()},
                              .imbalance = imbalance(tokens),
                              .dispatch_bytes_per_element = kFp8DispatchBytesPerElement,
                              .other_bytes_per_element = kFp8DispatchBytesPerElement,
                              .nic_bytes_per_s = nic_bytes_per_s_, .scale_up_bytes_per_s = scale_up_bytes_per_s_};
    // expert_dispatch_cost prices dispatch + combine (+ expert-TP gather and scatter); with both legs at one
    // element size, half of it is one leg (and half the expert-TP part).
    out.dispatch = expert_dispatch_cost(MoeDispatcher::deepep, shape, net).forward_seconds / 2;
    shape.dispatch_bytes_per_element = shape.other_bytes_per_element = kBf16CombineBytesPerElement;
    out.combine = expert_dispatch_cost(MoeDispatcher::deepep, shape, net).forward_seconds / 2;
    out.comm_sms = kDeepEpNormalKernelSms;
  } else {
    const double latency = net.seconds(Collective::all_to_all, 1, ep_group);
    out.dispatch = low_latency_seconds(per_gpu, kFp8DispatchBytesPerElement) + latency;
    out.combine = low_latency_seconds(per_gpu, kBf16CombineBytesPerElement) + latency;
    if (layout_.expert_tp() > 1) {  // the expert-TP group gathers the received rows and scatters the results
      const CommGroup etp{layout_.expert_tp(), layout_.expert_tp()};
      out.dispatch += net.seconds(Collective::all_gather, rows * layout_.expert_tp() * h * 2, etp);
      out.combine += net.seconds(Collective::reduce_scatter, rows * layout_.expert_tp() * h * 2, etp);
    }
  }
  if (layout_.attention_tp() > 1) {  // each attention-TP GPU combined 1/atp of the rank's tokens: gather them
    const CommGroup atp{layout_.attention_tp(), std::min(layout_.attention_tp(), scale_up_domain_)};
    out.combine += net.seconds(Collective::all_gather, tokens * h * 2, atp);
  }
  out.communication = out.dispatch + out.combine;
  return out;
}

}  // namespace stargate::serving_detail
