#pragma once
// Expert-parallel token dispatch and combine of one MoE layer for one micro-batch on one rank: the bytes each
// dispatcher moves and their seconds (docs/training-model.md "Mixture of experts").
//
// alltoall — Megatron-Core MoEAlltoAllTokenDispatcher (megatron/core/transformer/moe/token_dispatcher.py): every
//   (token, expert) pair is one row, sent by an NCCL all-to-all over the EP group (the collective model prices
//   it); two of a token's experts on one rank get two copies.
// deepep — DeepEP normal kernels (deepseek-ai/DeepEP, docs/legacy.md "Normal kernels with NVLink and RDMA
//   forwarding", as Megatron's flex dispatcher calls them): one row per (token, destination GPU). Across nodes a
//   token crosses the fabric once per destination node, to the GPU with the sender's local index, which forwards
//   it over NVLink to the GPUs there that hold its experts; the RDMA and NVLink legs are pipelined, so the slower
//   one sets the time. Achievable rates from DeepEP's published tables: RDMA 0.88 of the NIC's line rate
//   (EP32 58 GB/s and EP64 51 GB/s "bottleneck bandwidth" on 400 Gb/s CX7, which counts the sender's own node's
//   rows: 43.5 and 44.6 GB/s on the wire), NVLink 0.81 of the per-direction NVLink bandwidth (DeepEP V2 README,
//   SM100 EP8: 726 GB/s on NVLink 5's 900 GB/s).
// With expert tensor parallelism the received rows are all-gathered over the etp group after dispatch and
// reduce-scattered before combine (Megatron's gather_from_sequence_parallel_region over the expert-TP group).
#include "stargate/mapping/comm_group.h"
#include "stargate/mapping/parallel_plan.h"
#include "stargate/perf/collective_model.h"

namespace stargate {

inline constexpr double kDeepEpRdmaEfficiency = 0.88;
inline constexpr double kDeepEpNvlinkEfficiency = 0.81;

struct ExpertDispatchShape {
  double tokens = 0;  // tokens this rank routes per micro-batch
  double hidden = 0;
  int top_k = 1;
  int experts = 1;  // routed experts, spread evenly over the ep ranks
  int ep = 1;
  CommGroup ep_group;   // the EP ranks and how many share a scale-up domain
  CommGroup etp_group;  // expert-tensor-parallel group (size 1: none)
  double imbalance = 1;  // busiest rank's received rows over the mean (≥ 1)
  // Bytes per hidden element of the forward dispatch (DeepEP with fp8: 1 + 4/128, a fp32 scale per 128 values)
  // and of everything else (bf16 combine and both backward legs).
  double dispatch_bytes_per_element = 2;
  double other_bytes_per_element = 2;
  // Per GPU, per direction: the scale-out NIC and the scale-up (NVLink) bandwidth (0: none, the NIC carries all).
  double nic_bytes_per_s = 0;
  double scale_up_bytes_per_s = 0;
};

struct ExpertDispatchCost {
  double rdma_bytes = 0;    // per rank, one bf16 dispatch: rows sent over the scale-out fabric
  double nvlink_bytes = 0;  // per rank, one bf16 dispatch: rows forwarded inside the scale-up domain
  double forward_seconds = 0;   // dispatch + combine (+ expert-TP gather and scatter)
  double backward_seconds = 0;  // their gradients: a combine and a dispatch
};

// Probability that at least one of a token's top_k distinct experts, drawn uniformly from `experts`, is held by
// one given holder when the experts are split evenly over `holders` (GPUs or nodes): 1 − C(E − E/H, k) / C(E, k).
double expert_holder_hit_probability(int experts, int top_k, int holders);

// Contract: ep ≥ 1, tokens ≥ 0; never negative, 0 for ep = 1 and no expert TP.
ExpertDispatchCost expert_dispatch_cost(MoeDispatcher dispatcher, const ExpertDispatchShape& shape,
                                        const CollectiveModel& net);

}  // namespace stargate
