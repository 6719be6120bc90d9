#pragma once
// A parallel training plan: how a model and batch are split over GPUs (Megatron-LM / DeepSpeed terms).
#include <optional>
#include <string>

#include "stargate/catalog/dtype.h"

namespace stargate {

enum class Recompute {
  none,       // keep every activation
  selective,  // recompute attention's softmax/dropout core only (Korthikanti et al. 2022)
  full,       // keep only each layer's input; recompute the whole layer in backward
  // Operator-level selective checkpointing as torchtitan applies it (activation_checkpoint mode "selective", option
  // "op"): the outputs of matmuls and of the attention kernel are kept except every second matmul of the layer;
  // everything else (norms, rotary, activation, residuals, the skipped matmuls) is re-run in backward.
  selective_ops,
};

enum class PipelineSchedule { one_f_one_b, interleaved };

// The low-precision training recipe: how the GEMM inputs are scaled and cast (only with precision fp8 or fp4).
// Costs, sources and device support: mapping/fp8_recipe.h and docs/training-model.md, "Low-precision recipes".
enum class Fp8Recipe {
  delayed,    // tensorwise, scale from an amax history of earlier steps (Transformer Engine DelayedScaling)
  current,    // tensorwise, scale from this tensor's own amax, torchao "tensorwise" (weight re-cast every forward)
  rowwise,    // torchao "rowwise": one scale per row along each GEMM's reduction axis, CUTLASS rowwise GEMM
  blockwise,  // 1x128 activation / 128x128 weight blocks (DeepSeek-V3; TE Float8BlockScaling), Hopper+
  mxfp8,      // MXFP8: 1x32 blocks with E8M0 scales (TE MXFP8BlockScaling), Blackwell
  nvfp4,      // NVFP4: 4-bit E2M1 with an E4M3 scale per 16 elements (TE NVFP4BlockScaling), Blackwell
  te_current, // tensorwise, each tensor's own amax, Transformer Engine Float8CurrentScaling (Megatron "tensorwise",
              // Megatron-Bridge fp8_cs): an amax pass before each cast, weights cast once per step, fp8 saved inputs
};
inline constexpr int kFp8RecipeCount = 7;

// How MoE tokens travel to their experts' ranks and back (Megatron-Core megatron/core/transformer/moe/
// token_dispatcher.py). See sim/expert_dispatch.h for the costs.
enum class MoeDispatcher {
  alltoall,  // MoEAlltoAllTokenDispatcher: NCCL all-to-all of one row per (token, expert) pair, then a sort of
             // the received rows by local expert (Megatron-Bridge's MoE recipes)
  deepep,    // MoEFlexTokenDispatcher with DeepEP normal kernels: one row per (token, destination GPU); across
             // nodes one row per (token, destination node) over RDMA to the same-index GPU, then NVLink forward
};

// How tensor-parallel collectives meet the GEMMs beside them (docs/training-model.md, "Overlap modes").
enum class TpCommOverlap {
  none,        // vanilla Megatron TP: every collective exposed
  // Megatron-LM's asynchronous gradient collectives (megatron/mpu/layers.py LinearWithGradAccumulationAndAsync-
  // Communication, `--async-tensor-model-parallel-allreduce` on by default from Sept 2021; Megatron-Core's
  // tensor_parallel/layers.py keeps it): forward exposed; in backward the column-parallel layers' input-gradient
  // all-reduce (reduce-scatter under SP) runs beside their weight-gradient GEMMs, and under SP their re-gather of
  // the sequence-sharded input runs beside their input-gradient GEMMs.
  wgrad,
  // Megatron-LM / NeMo with Transformer Engine userbuffers (`tp_comm_overlap`): forward all-gather→GEMM and
  // GEMM→reduce-scatter split into tp chunks (ring_exchange / pipeline methods), likewise the backward gradient
  // all-gathers; the backward reduce-scatters of the input gradients run in bulk beside the independent wgrad
  // GEMMs (TE `bulk` method for qkv/fc1 dgrad and wgrad).
  bulk,
  // torchtitan async TP (PyTorch micro-pipeline TP: fused all_gather_matmul / matmul_reduce_scatter on symmetric
  // memory), every collective split into tp chunks in both directions.
  decomposed,
};

// When ZeRO-3 / FSDP gathers a pipeline stage's weights (zero_stage 3 only).
enum class Zero3Gather {
  // Every micro-batch gathers each layer's weights in forward and again in backward and reduce-scatters its
  // gradients (FSDP2 with reshard_after_forward=True, torchtitan's default without PP).
  per_micro_batch,
  // Once per step per stage: weights stay gathered over the micro-batches, gradients accumulate unsharded and are
  // reduce-scattered after the last backward (torchtitan under PP: reshard_after_forward=False, and PyTorch's
  // pipeline stage disables gradient sync and resharding for all but the last backward).
  per_step,
  // DeepSpeed ZeRO-3 (stage3.py PartitionedParameterCoordinator, 2021): every sub-module (Linear, LayerNorm)
  // fetches its own parameters just before it runs and releases them after (fetch_sub_module /
  // release_sub_module), so under full recompute the recompute forward gathers the weights again before the
  // backward gathers them (three gathers per micro-batch); each parameter is its own all-gather and
  // reduce-scatter over the whole data-parallel group (partition_parameters.py _allgather_param /
  // _reduce_scatter_gradient), priced as a flat ring: each rank's share through its own NIC, no staging through
  // the scale-up domain (docs/training-model.md "ZeRO-3 / FSDP with pipelines").
  per_module,
};

// Training state kept in host (CPU) memory instead of HBM, as a share of each kind (0 none … 1 all), moved over
// the node's GPU-to-host link (docs/training-model.md "Host offload"; costs in sim/host_offload_time.h):
// optimizer: ZeRO-Offload (DeepSpeed offload_optimizer): fp32 master weights and Adam moments on the host, the
//   optimizer step run by the CPU Adam, gradients down and updated weights up once per step;
// activations: Megatron-Core activation offloading (--cpu-offloading): saved activations out in forward and back
//   in backward, overlapped with the layer compute;
// weights: ZeRO-Infinity parameter offload (offload_param): weights streamed up for every micro-batch's forward
//   and backward, prefetched under the compute.
struct HostOffload {
  double weights = 0;
  double activations = 0;
  double optimizer = 0;
  bool any() const { return weights > 0 || activations > 0 || optimizer > 0; }
  bool operator==(const HostOffload&) const = default;
};

struct ParallelPlan {
  int tp = 1;   // tensor parallel degree (within the scale-up domain)
  int pp = 1;   // pipeline stages
  int dp = 1;   // data-parallel replicas
  int cp = 1;   // context parallel (sequence split for attention, ring exchange of K/V)
  int ep = 1;   // expert parallel degree (experts split across this many ranks of the DP×CP group)
  int vpp = 1;  // virtual pipeline stages per GPU (interleaved 1F1B when > 1)
  bool sequence_parallel = true;  // shard norms/dropout activations across TP ranks (all-gather/reduce-scatter)
  int zero_stage = 1;             // 0 none, 1 optimizer states, 2 + gradients, 3 + weights (FSDP)
  Recompute recompute = Recompute::selective;
  Dtype precision = Dtype::bf16;  // GEMM compute format: bf16, fp16, fp8 or fp4 (bf16 weights + fp32 master kept)
  Fp8Recipe fp8_recipe = Fp8Recipe::delayed;  // with fp8: any recipe but nvfp4; with fp4: nvfp4
  int micro_batch = 1;            // sequences per micro-batch per pipeline
  TpCommOverlap tp_comm_overlap = TpCommOverlap::none;
  bool dp_overlap = true;              // DP gradient reduction overlapped with the last backward (overlap_grad_reduce)
  bool dp_param_gather_overlap = true; // ZeRO's updated-weight all-gather overlapped with the first forward
                                       // (Megatron overlap_param_gather)
  double dp_bucket_params = 40e6;      // parameters per DP communication bucket (Megatron DDP default 40M): the
                                       // last bucket's transfer is exposed even when overlapped
  Zero3Gather zero3_gather = Zero3Gather::per_micro_batch;
  // Pipeline send/recv without sequence parallelism (where every TP rank holds the whole activation): each TP rank
  // sends 1/tp of it and the receiving stage all-gathers the pieces over its TP group (Megatron-LM's scatter/gather
  // optimization, Narayanan et al. 2021 §4.1, `scatter_gather_tensors_in_pipeline`, on by default from Feb 2021
  // until Megatron-Core's p2p_communication.py dropped it in 2023); false: each TP rank sends the whole tensor
  // (Megatron-Core). Under sequence parallelism each rank sends its own 1/tp shard either way.
  bool pp_scatter_gather = false;
  // Expert all-to-all overlapped with another micro-batch's compute (DeepSeek-V3's DualPipe, §3.2.1): exposed only
  // where it exceeds the layer's compute in that direction; else fully exposed.
  bool ep_comm_overlap = false;
  // Expert tensor parallelism (Megatron --expert-tensor-parallel-size): each expert's FFN split over this many
  // ranks. Expert ranks are laid out etp (innermost), ep, expert-dp over the tp·cp·dp ranks of a stage. Default 1,
  // the MoE recipes' choice (Megatron-MoE-ModelZoo best-practice tables: ETP 1 on every H100 row; torchtitan's
  // expert_tensor_parallel_degree default 1); Megatron-Core's own default is etp = tp.
  int expert_tp = 1;
  MoeDispatcher moe_dispatcher = MoeDispatcher::alltoall;  // Megatron-Core's alltoall unless the plan names deepep
  // Busiest expert rank's routed tokens over the mean (≥ 1); 0 = the expected maximum of balanced random routing
  // (expected_expert_load_imbalance; what Megatron's --moe-router-force-load-balancing benchmarks run).
  double expert_imbalance = 0;
  // Token dropping (Megatron-Core --moe-expert-capacity-factor with --moe-pad-expert-input-to-capacity, what
  // Megatron-Bridge's apply_moe_token_drop sets): every source rank sends each expert exactly
  // ceil(capacity_factor · its mean rows), excess dropped and the rest padded, so all EP ranks process the same
  // rows (padded_capacity_load replaces the routing imbalance) and the expert row counts are known without a
  // device-to-host sync. 0 = dropless (the default).
  double expert_capacity_factor = 0;
  HostOffload offload;  // none unless the scenario asks or the search needs it to fit

  int gpus() const { return tp * pp * dp * cp; }
  PipelineSchedule schedule() const { return vpp > 1 ? PipelineSchedule::interleaved : PipelineSchedule::one_f_one_b; }
};

std::string recompute_name(Recompute r);
const char* tp_comm_overlap_name(TpCommOverlap mode);  // "none", "wgrad", "bulk", "decomposed"
const char* zero3_gather_name(Zero3Gather mode);       // "per_micro_batch", "per_step", "per_module"
// "delayed", "current", "rowwise", "blockwise", "mxfp8", "nvfp4", "te_current"
const char* fp8_recipe_name(Fp8Recipe r);
std::optional<Fp8Recipe> fp8_recipe_from_name(const std::string& name);
const char* moe_dispatcher_name(MoeDispatcher d);
// "none", or the offloaded kinds joined by '+' ("optimizer+activations"), a share below 1 in percent
// ("weights:50%").
std::string host_offload_name(const HostOffload& offload);

}  // namespace stargate
