#pragma once
// The MoE layer of a serving iteration under expert parallelism (PoolConfig::ep > 1), per GPU: the routed
// experts' grouped GEMMs over the rows each EP rank receives, and the dispatch/combine all-to-all that moves the
// rows there and back (docs/serving.md "MoE serving").
//
// Rows: an attention rank's `tokens` are split over its tp / attention_dp GPUs for dispatch; every token goes to
// its top_k experts. The replica's attention_dp ranks run the MoE layer together, so each EP rank receives
// tokens · attention_dp · top_k / ep rows on average, times the imbalance (busiest rank over the mean).
//
// Kernels (deepseek-ai/DeepEP README, H800 + CX7 400 Gb/s):
//   low_latency — one row per (token, expert), sent straight to the expert's GPU (IBGDA RDMA; NVLink inside a
//     node since DeepEP #173). The README's table (128 tokens, hidden 7168, top-8, fp8 dispatch / bf16 combine)
//     gives 39 GB/s per GPU at EP 128 and 256, where nearly every row crosses nodes: 0.78 of the 50 GB/s NIC
//     (kDeepEpLowLatencyRdmaEfficiency). Checks: EP 64 dispatch 6.6 MB / 39 GB/s = 170 µs (measured 173 µs),
//     combine 12.8 MB → 330 µs (314 µs); EP 32 dispatch 146 µs (155 µs), combine 282 µs (273 µs).
//   normal — one row per (token, destination GPU) with RDMA + NVLink forwarding: sim/expert_dispatch.h.
// Dispatch moves fp8 rows with one fp32 scale per 128 values (1 + 4/128 bytes per element), combine bf16.
#include "stargate/catalog/cluster.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate::serving_detail {

inline constexpr double kDeepEpLowLatencyRdmaEfficiency = 0.78;
inline constexpr double kFp8DispatchBytesPerElement = 1 + 4.0 / 128;
inline constexpr double kBf16CombineBytesPerElement = 2;
// SMs the DeepEP normal kernels run on while they move rows (deep_ep/buffer.py `Buffer.num_sms = 20`; SGLang's
// DeepEPConfig keeps it unless --deepep-config sets another count, and its two-batch-overlap prefill runs DeepGEMM
// on the others: `deep_gemm_num_sms = total_num_sms - DeepEPConfig.num_sms`). The low-latency kernels hold no SMs
// while their RDMA writes are in flight (LMSYS 2025-05-05 blog, TBO decode breakdown), so they take none here.
inline constexpr int kDeepEpNormalKernelSms = 20;

// Busiest EP rank's rows over the mean when `rows` (token, expert) pairs land uniformly at random on `ep` ranks:
// counts are near-Poisson with mean μ = rows / ep, and the largest of ep of them sits about sqrt(2 ln ep)
// standard deviations above the mean (the Gaussian extreme-value bound), so 1 + sqrt(2 ln ep / μ). 1 for ep ≤ 1
// or no rows; never above ep.
double expected_expert_imbalance(double rows, int ep);

// The expert-parallel layout of one pool (PoolConfig + MoeServing) for a MoE model.
struct ExpertParallelLayout {
  int tp = 1, attention_dp = 1, ep = 1;
  MoeServing moe;
  int attention_tp() const { return tp / attention_dp; }
  int expert_tp() const { return tp / ep; }
};

// Seconds of the MoE layer's parts on one GPU for an attention rank computing `tokens` tokens.
struct ExpertLayerSeconds {
  double compute = 0;        // router, routed experts' grouped GEMMs, activation, permutation
  double communication = 0;  // dispatch + combine (and the attention-TP gather of the combined rows)
  // The communication split at the experts: rows out (dispatch, with half of any expert-TP gather/scatter) and
  // results back (combine, the other half and the attention-TP gather); dispatch + combine = communication.
  double dispatch = 0, combine = 0;
  // SMs the dispatch/combine kernels occupy while they run (kDeepEpNormalKernelSms for normal kernels, 0 for
  // low-latency ones): computation beside them runs on the rest of the card.
  int comm_sms = 0;
};

class ExpertParallelCost {
 public:
  ExpertParallelCost(const ModelSpec& model, const Cluster& cluster, const ExpertParallelLayout& layout,
                     Dtype weights);
  // One MoE layer; `prefilling`: the iteration computes prompt tokens (selects the normal kernels in auto mode).
  ExpertLayerSeconds layer(const KernelCostModel& kernels, const CollectiveModel& net, double tokens,
                           bool prefilling) const;
  // Routed-expert weight bytes each GPU holds (the redundant replicas included), all layers.
  double expert_weight_bytes_per_gpu() const;
  // Rows the busiest EP rank receives for `tokens` tokens per attention rank.
  double busiest_rank_rows(double tokens) const;
  // Busiest EP rank's rows over the mean for `tokens` tokens per attention rank (MoeServing::expert_imbalance, or
  // expected_expert_imbalance of the rows when that is 0).
  double imbalance(double tokens) const;

 private:
  double low_latency_seconds(double tokens_per_gpu, double bytes_per_element) const;

  const ModelSpec& model_;
  ExpertParallelLayout layout_;
  Dtype weights_;
  double nic_bytes_per_s_ = 0, scale_up_bytes_per_s_ = 0;
  int gpus_per_domain_ = 1;  // EP ranks sharing one scale-up domain
  int scale_up_domain_ = 1;  // GPUs of one scale-up (NVLink) domain
};

}  // namespace stargate::serving_detail
