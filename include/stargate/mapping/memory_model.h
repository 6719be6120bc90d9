#pragma once
// HBM footprint per GPU of a training plan: weights, gradients, optimizer states (ZeRO-sharded), activations
// (Korthikanti et al. 2022, generalised to GQA/SwiGLU/MoE/flash attention), logits and runtime buffers.
// All sizes in bytes, for the pipeline stage that needs the most.
#include "stargate/catalog/cluster.h"
#include "stargate/mapping/parallel_plan.h"
#include "stargate/workload/layer_operators.h"
#include "stargate/workload/model.h"

namespace stargate {

struct MemoryBreakdown {
  int stage = 0;  // pipeline stage these numbers describe (the largest)
  double weights_bytes = 0;
  double gradients_bytes = 0;
  double optimizer_bytes = 0;
  double activations_bytes = 0;  // transformer layers, all micro-batches in flight
  double logits_bytes = 0;       // output layer and loss (last stage)
  double buffers_bytes = 0;      // communication buffers, workspaces, CUDA context
  // Held in host memory by the plan's offload (not part of the HBM total), bytes. The HBM fields above are what
  // stays on the GPU.
  double host_weights_bytes = 0;
  double host_activations_bytes = 0;
  double host_optimizer_bytes = 0;
  // One micro-batch's activations of this stage's layers before any offload, bytes (what activation offload moves
  // out and back per micro-batch, times its share).
  double activations_per_micro_batch_bytes = 0;
  double host_bytes() const { return host_weights_bytes + host_activations_bytes + host_optimizer_bytes; }
  double total_bytes() const {
    return weights_bytes + gradients_bytes + optimizer_bytes + activations_bytes + logits_bytes + buffers_bytes;
  }
};

struct MemoryInputs {
  int seq_len = 0;
  int micro_batches = 1;        // per iteration (gradient accumulation steps)
  bool flash_attention = true;  // attention scores are never stored (FlashAttention); false = Megatron 2022
};

// Bytes of activations one transformer layer keeps for backward, for one micro-batch on one GPU.
double layer_activation_bytes(const ModelSpec& model, const LayerShard& shard, int layer_index, Recompute recompute,
                              bool flash_attention);

// Micro-batches' worth of the stage's activations pipeline stage `stage` holds at its peak under the plan's
// schedule, from Megatron-LM's warm-up counts: 1F1B min(m, p − stage); interleaved (v > 1) the peak count of
// in-flight model chunks, min(2(p − stage − 1) + (v − 1)p + 1, m·v), over v (stage 0: p + (p − 1)/v when m·v is
// larger, Korthikanti et al. 2022 §4.2.3; when m = p every chunk's forward runs in warm-up and it is m).
double in_flight_micro_batches(const ParallelPlan& plan, int micro_batches, int stage);

// Moves the plan's offloaded shares of one stage's weights, activations and optimizer states from `memory`'s HBM
// fields to its host fields. A stage streaming offloaded weights keeps two layers' worth in HBM (the one computing and
// the one prefetched); one offloading activations keeps two layers' activations of one micro-batch (the one being
// copied out or back and the one computing). `layers`: the stage's layers; `layer_activation_bytes`: one layer's
// activations for one micro-batch.
void apply_host_offload(const HostOffload& offload, int layers, double layer_activation_bytes,
                        MemoryBreakdown& memory);

// The one fit rule every check uses (train, search, plan completion): the HBM total within the capacity less the
// accelerator's headroom (AcceleratorSpec::usable_hbm_bytes), and any offloaded bytes within the node's host memory
// per GPU (when the catalog gives it).
bool fits_in_memory(const MemoryBreakdown& memory, const Cluster& cluster);

MemoryBreakdown estimate_memory(const ModelSpec& model, const ParallelPlan& plan, const MemoryInputs& inputs);

// Parameters one GPU of pipeline stage `stage` holds: dense ones split over tp, routed experts over ep·tp.
struct StageParameters {
  double dense = 0;
  double experts = 0;
  int first_layer = 0;
  int layers = 0;
  int dense_layers = 0;  // of `layers`, those with a dense FFN
  int moe_layers = 0;    // and those with experts
};
StageParameters stage_parameters(const ModelSpec& model, const ParallelPlan& plan, int stage);

// Just the layer counts of pipeline stage `stage` (what stage timing needs): cheap, no parameter arithmetic.
struct StageLayers {
  int dense = 0;  // layers with a dense FFN
  int moe = 0;    // layers with experts
  int local = 0;  // of dense + moe, those attending within a window (ModelSpec::local_attention_layers_before)
};
StageLayers stage_layers(const ModelSpec& model, const ParallelPlan& plan, int stage);

// Layers held by pipeline stage `stage` (early stages take the remainder when pp does not divide layers).
int layers_in_stage(int layers, int pp, int stage);

}  // namespace stargate
