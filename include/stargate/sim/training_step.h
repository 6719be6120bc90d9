#pragma once
// One training iteration of a plan on a cluster: step time and its breakdown, MFU/HFU, throughput, memory fit.
// Computed analytically from the operator list (kernel cost model), the collectives (collective model) and the
// pipeline schedule; see docs/training-model.md.
#include <array>
#include <string>
#include <vector>

#include "stargate/catalog/cluster.h"
#include "stargate/mapping/memory_model.h"
#include "stargate/mapping/placement.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/mapping/training_job.h"
#include "stargate/workload/layer_operators.h"
#include "stargate/workload/model.h"

namespace stargate {

struct StepBreakdown {
  // Busy time of the slowest pipeline stage over the whole iteration, seconds.
  std::array<double, kOpClassCount> compute_seconds{};  // forward + backward by operator class
  double recompute_seconds = 0;                         // forward work re-run in backward
  double tp_comm_seconds = 0;                           // exposed tensor-parallel collectives
  double cp_comm_seconds = 0;                           // exposed context-parallel K/V exchange
  double ep_comm_seconds = 0;                           // exposed expert all-to-all
  double pp_comm_seconds = 0;                           // pipeline send/recv on the critical path
  double dp_comm_seconds = 0;                           // exposed gradient reduction and ZeRO gathers
  double bubble_seconds = 0;                            // pipeline fill and drain
  double optimizer_seconds = 0;
  // Exposed host-offload time: transfers over the host link beyond the compute beside them and the CPU optimizer
  // step (plan.offload; 0 without offload), and the transfer time hidden under compute.
  double offload_seconds = 0;
  double offload_overlapped_seconds = 0;
  // The same kinds' transfer time hidden under compute (not part of the step), seconds. PP transfers are all
  // counted on the critical path (pp_comm_overlapped_seconds stays 0).
  double tp_comm_overlapped_seconds = 0;
  double cp_comm_overlapped_seconds = 0;
  double ep_comm_overlapped_seconds = 0;
  double pp_comm_overlapped_seconds = 0;
  double dp_comm_overlapped_seconds = 0;
};

struct TrainingEstimate {
  double step_seconds = 0;
  StepBreakdown breakdown;
  int micro_batches = 0;            // per iteration
  double tokens_per_step = 0;
  double tokens_per_second = 0;
  double model_flops_per_step = 0;     // 6·N·tokens + attention, no recompute (PaLM appendix B, non-causal)
  double hardware_flops_per_step = 0;  // what the GPUs executed, recompute included
  double mfu = 0;                      // model FLOP/s over the GPUs' dense bf16 peak
  double hfu = 0;
  // Per pipeline stage, seconds per micro-batch (communication and recompute included).
  std::vector<double> stage_forward_seconds;
  std::vector<double> stage_backward_seconds;
  double p2p_seconds = 0;  // one activation transfer between adjacent stages
  MemoryBreakdown memory;
  double hbm_capacity_bytes = 0;
  double memory_headroom_bytes = 0;  // of the capacity, left free for the allocator (AcceleratorSpec)
  double host_memory_capacity_bytes = 0;  // per GPU (NodeSpec); 0 when the catalog does not say
  // fits_in_memory(memory, cluster): the HBM total within capacity less headroom, the offloaded bytes within the
  // host memory per GPU.
  bool fits = true;
  std::vector<std::string> notes;      // modeling caveats (scaled calibration, uneven stages, ...)
};

struct TrainingOptions {
  bool flash_attention = true;
  bool record_stage_times = true;  // fill TrainingEstimate::stage_*_seconds (for traces); off in searches
  // Norms and gated activations run as separate PyTorch eager ops (no fused kernels, no torch.compile): priced
  // from the eager rows of the calibration (perf/eager_elementwise.h).
  bool eager_elementwise = false;
  // How the MoE layers' expert GEMMs are launched (mapping/grouped_gemm_launch.h): one grouped kernel,
  // or one GEMM per local expert as Transformer Engine's GroupedLinear does (Megatron-Core, NeMo, Megatron-Bridge).
  GroupedGemmLaunch moe_grouped_gemm = GroupedGemmLaunch::one_kernel;
};

// Time of one micro-batch through one layer of each kind and through the embedding and output layers, with the
// exposed TP/CP/EP communication. Depends on the plan only through tp, cp, ep, sequence parallelism,
// micro-batch, precision and fp8 recipe, recompute and TP overlap: searches reuse it across pp, dp, vpp and
// ZeRO choices.
struct MicroBatchTimes {
  double forward = 0;
  double backward = 0;
  std::array<double, kOpClassCount> compute_by_class{};
  double recompute = 0;
  double tp_comm = 0;
  double cp_comm = 0;
  double ep_comm = 0;
  // Collective time hidden under compute (the collective's time minus its exposed part; the SMs it takes from
  // the compute beside it count as exposed), seconds.
  double tp_comm_overlapped = 0;
  double cp_comm_overlapped = 0;
  double ep_comm_overlapped = 0;

  double total() const { return forward + backward; }
  MicroBatchTimes& operator+=(const MicroBatchTimes& o);
  MicroBatchTimes scaled(double factor) const;
};

struct LayerTimeSet {
  MicroBatchTimes dense_layer;
  MicroBatchTimes moe_layer;
  // A windowed layer's time minus the same layer's with full attention (≤ 0: its attention core covers the
  // window only), added once per windowed layer of a stage; zero for a model without local_attention.
  MicroBatchTimes local_attention_delta;
  MicroBatchTimes embedding;
  MicroBatchTimes output;
};

// Contract: the plan passed check_plan() for this model and cluster. Never throws.
TrainingEstimate estimate_training_step(const ModelSpec& model, const Cluster& cluster, const TrainingJob& job,
                                        const KernelCostModel& kernels, const CollectiveModel& collectives,
                                        const TrainingOptions& options = {});

// The two halves of estimate_training_step, for callers that cache layer times (plan search).
// `groups` is place_plan(plan, cluster.node): the caller places the plan once and passes it to both halves.
LayerTimeSet compute_layer_times(const ModelSpec& model, const Cluster& cluster, const ParallelPlan& plan,
                                 const PlanGroups& groups, int seq_len, const KernelCostModel& kernels,
                                 const CollectiveModel& collectives, const TrainingOptions& options = {});
// `known_memory`: the plan's estimate_memory() result when the caller already has it (not recomputed).
TrainingEstimate assemble_training_step(const ModelSpec& model, const Cluster& cluster, const TrainingJob& job,
                                        const PlanGroups& groups, const LayerTimeSet& layers,
                                        const KernelCostModel& kernels,
                                        const CollectiveModel& collectives, const TrainingOptions& options = {},
                                        const MemoryBreakdown* known_memory = nullptr);

// FLOPs of one optimizer step by the PaLM/Megatron "model FLOPs" definition: 6 per active matmul parameter per
// token (embedding lookup excluded, output projection included) plus 12·layers·s·(attention width) per token.
double model_flops_per_step(const ModelSpec& model, double tokens_per_step, int seq_len);

}  // namespace stargate
