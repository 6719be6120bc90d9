#pragma once
// How a deployment's engine runs one iteration: the StepTimeModel options that time it and the batch as the engine
// computes it. The one description shared by the serving simulator and the step-level validation
// (validation/measured-*), so `serve` and `validate` price the same iteration the same.
#include "stargate/serving/serving_config.h"
#include "stargate/serving/step_time.h"

namespace stargate {

// Options timing an iteration of `pool` under `deployment`: the pool's parallelism, the deployment's precision,
// MoE settings and kernel list, and CUDA graphs (deployment.cuda_graphs) except for an iteration that prefills on
// an engine that captures only its decode step (deployment.eager_prefill): that one launches eagerly.
StepTimeOptions engine_step_options(const ServingDeployment& deployment, const PoolConfig& pool, bool prefills);

// The batch as the engine computes it: the plain PyTorch kernel list computes logits for every token of the forward
// (no logits_to_keep: a prefill's whole prompt); the fused engines only for the rows that sample (as given). An
// iteration replayed as the CUDA graph of a larger captured size (`padding`, cuda_graph_batches.h) carries the
// difference as padding rows: for sequence-sized graphs each dummy sequence brings the batch's draft tokens per
// sequence, for token-sized graphs (vLLM) the rows are the missing tokens; sampled where padding.dummy_logits.
// `group_key` (attention data parallelism in lockstep): the largest sequences (or tokens) of the group's ranks,
// whose graph every rank replays; 0 = the batch's own.
BatchShape engine_batch(BatchShape batch, EngineKind kernels, const CudaGraphPadding& padding = {}, int group_key = 0);

// What `padding`'s graphs are sized by for `batch`: its tokens (token-sized graphs) or its decoding sequences.
int cuda_graph_key(const BatchShape& batch, const CudaGraphPadding& padding);

}  // namespace stargate
