#include "stargate/mapping/memory_model.h"

#include "stargate/core/units.h"
#include "stargate/mapping/low_precision_memory.h"
#include "stargate/mapping/plan_layer_shard.h"

#include <algorithm>

namespace stargate {
namespace {

// Runtime reserve per GPU: CUDA context (~0.5 GiB), NCCL buffers for the job's communicators (~0.5 GiB), cuBLAS
// workspaces and transient allocations (~1 GiB). An estimate, stated in docs/validation.md. The caching
// allocator's fragmentation is the accelerator's memory headroom (AcceleratorSpec::memory_headroom_fraction),
// checked against the capacity, not counted here.
constexpr double kRuntimeReserveBytes = 2 * kBytesPerGiB;
// Mixed-precision Adam (Megatron distributed-optimizer documentation): bf16 weight 2 B, fp32 gradient 4 B,
// fp32 master weight + two moments 12 B per parameter. fp16 training keeps fp16 gradients (2 B).
constexpr double kWeightBytes = 2;
constexpr double kOptimizerBytes = 12;

double mlp_activation_per_token(const ModelSpec& m, double ffn, double t, double dropout_mask) {
  // Input to the first GEMM is counted by the caller. Up-projection output(s) + activation output.
  const double up = (m.activation == Activation::swiglu ? 2 : 1) * ffn / t;
  return 2 * up + 2 * ffn / t + dropout_mask;
}

}  // namespace

int layers_in_stage(int layers, int pp, int stage) { return layers / pp + (stage < layers % pp ? 1 : 0); }

double layer_activation_bytes(const ModelSpec& m, const LayerShard& s, int layer_index, Recompute recompute,
                              bool flash_attention) {
  const double t = s.tp;
  const double h = m.hidden;
  const double tokens = s.micro_batch * s.seq_len / s.cp;
  // Tensors that sequence parallelism shards across TP ranks, and the ones it leaves whole without it.
  const double seq_shard = s.sequence_parallel ? t : 1;
  if (recompute == Recompute::full) return tokens * 2 * h / seq_shard;  // only the layer input is kept
  if (recompute == Recompute::selective_ops) {
    // The layer input, the outputs of the matmuls the policy keeps, and the attention kernel's output and
    // log-sum-exp; the rest is rebuilt from them in backward.
    std::vector<Operator> ops;
    append_layer_operators(m, s, layer_index, ops);
    const std::vector<double> rerun = selective_ops_recompute_fractions(ops);
    double bytes = tokens * 2 * h / seq_shard;
    for (size_t i = 0; i < ops.size(); ++i) {
      const Operator& op = ops[i];
      if (op.kind == OpKind::gemm) bytes += (1 - rerun[i]) * op.m * op.n * 2;
      if (op.kind == OpKind::grouped_gemm) bytes += (1 - rerun[i]) * op.groups * op.m * op.n * 2;
      if (op.kind == OpKind::attention) {
        bytes += op.batch * op.s_q * op.heads * (op.head_dim * 2 + 4);
      }
    }
    return bytes;
  }

  const double mask = s.dropout ? h : 0;  // one byte per element
  double per_token = 0;
  // Two norm inputs, the QKV input and the MLP input (bf16), and the two dropout masks.
  per_token += (4 * h + 2 * h + 2 * h + 2 * mask) / seq_shard;
  // Attention: Q, K, V and the core's output (the projection input).
  double q_width = static_cast<double>(m.heads) * m.head_dim;
  double kv_width = static_cast<double>(std::max(m.kv_heads, s.tp)) * m.head_dim;
  double out_width = q_width;
  if (m.mla) {
    q_width = static_cast<double>(m.heads) * (m.mla->qk_nope_head_dim + m.mla->qk_rope_head_dim);
    kv_width = q_width;
    out_width = static_cast<double>(m.heads) * m.mla->v_head_dim;
    // Compressed latents feed the up-projections.
    per_token += 2.0 * (m.mla->q_lora_rank + m.mla->kv_lora_rank);
  }
  per_token += (2 * q_width + 2 * kv_width + 2 * (m.mla ? out_width : kv_width) + 2 * out_width) / t;
  if (flash_attention) {
    per_token += 4.0 * m.heads / t;  // fp32 log-sum-exp per query and head
  } else if (recompute == Recompute::none) {
    per_token += 5.0 * m.heads * s.seq_len / t;  // softmax output (2), dropout mask (1), dropout output (2)
  }
  if (m.layer_is_moe(layer_index)) {
    const MoeSpec& moe = *m.moe;
    // Rows this rank's experts hold per token of the micro-batch: it routes 1/tp of the tokens (top_k rows each)
    // and gathers its expert-TP peers' rows; each row keeps its input and its FFN's 1/etp share.
    const double etp = std::max(1, s.expert_tp);
    const double routed = moe.top_k * s.expert_load_imbalance * etp / t;
    per_token += 4.0 * moe.routed_experts / t;                                     // router probabilities (fp32)
    per_token += routed * (2 * h + mlp_activation_per_token(m, moe.expert_ffn, etp, 0));  // permuted tokens
    if (moe.shared_experts > 0) {
      per_token += mlp_activation_per_token(m, static_cast<double>(moe.expert_ffn) * moe.shared_experts, t, 0);
    }
  } else {
    per_token += mlp_activation_per_token(m, m.ffn, t, 0);
  }
  return tokens * per_token;
}

StageLayers stage_layers(const ModelSpec& m, const ParallelPlan& plan, int stage) {
  const int first_layer = stage * (m.layers / plan.pp) + std::min(stage, m.layers % plan.pp);
  const int layers = layers_in_stage(m.layers, plan.pp, stage);
  const int first_moe = m.moe ? m.moe->first_dense_layers : m.layers;
  const int moe = std::max(0, first_layer + layers - std::max(first_moe, first_layer));
  return {.dense = layers - moe,
          .moe = moe,
          .local = m.local_attention_layers_before(first_layer + layers) - m.local_attention_layers_before(first_layer)};
}

StageParameters stage_parameters(const ModelSpec& m, const ParallelPlan& plan, int stage) {
  const double t = plan.tp;
  const double norm_params = (m.norm == NormKind::layernorm ? 2.0 : 1.0) * m.hidden;
  StageParameters out;
  out.first_layer = stage * (m.layers / plan.pp) + std::min(stage, m.layers % plan.pp);
  out.layers = layers_in_stage(m.layers, plan.pp, stage);
  const StageLayers counts = stage_layers(m, plan, stage);
  out.moe_layers = counts.moe;
  out.dense_layers = counts.dense;
  const double common = attention_params_per_layer(m) / t + 2 * norm_params;
  out.dense = out.layers * common + out.dense_layers * ffn_params(m.hidden, m.ffn, m.activation) / t;
  if (out.moe_layers > 0) {
    const double expert = ffn_params(m.hidden, m.moe->expert_ffn, m.activation);
    out.experts = out.moe_layers * expert * m.moe->routed_experts / (static_cast<double>(plan.ep) * plan.expert_tp);
    out.dense += out.moe_layers * (expert * m.moe->shared_experts / t + static_cast<double>(m.hidden) * m.moe->routed_experts);
  }
  const double embedding = static_cast<double>(m.vocab) * m.hidden / t;
  if (stage == 0) out.dense += embedding;
  // The output projection: its own matrix when untied, a second copy of the embedding when stages differ.
  if (stage == plan.pp - 1 && (!m.tied_embeddings || plan.pp > 1)) out.dense += embedding;
  return out;
}

double in_flight_micro_batches(const ParallelPlan& plan, int micro_batches, int stage) {
  const int p = plan.pp;
  const int v = std::max(1, plan.vpp);
  const double m = micro_batches;
  // Megatron-LM megatron/core/pipeline_parallel/schedules.py, get_pp_rank_microbatches(): rank r runs
  // 2·(p−r−1) + (v−1)·p warm-up forwards of model chunks (p−r−1 without interleaving), capped at the m·v chunk
  // forwards of the step; the first 1F1B step runs one more forward before the first backward.
  const double warmup_chunks = v > 1 ? 2.0 * (p - stage - 1) + (v - 1.0) * p : p - stage - 1.0;
  const double peak_chunks = std::min(warmup_chunks + 1, m * v);
  return peak_chunks / v;  // a chunk holds 1/v of the stage's layers
}

MemoryBreakdown estimate_memory(const ModelSpec& m, const ParallelPlan& plan, const MemoryInputs& in) {
  const LayerShard shard = plan_layer_shard(m, plan, in.seq_len, /*flash_attention=*/true);
  const double t = plan.tp;
  const double dense_dp = static_cast<double>(plan.dp) * plan.cp;
  // Expert weights are replicated over the expert-data-parallel group: tp·cp·dp / (etp·ep) ranks.
  const double expert_dp = std::max(1.0, dense_dp * t / (static_cast<double>(plan.ep) * plan.expert_tp));
  const double grad_bytes = plan.precision == Dtype::fp16 ? 2 : 4;

  MemoryBreakdown worst;
  for (int stage : {0, plan.pp - 1}) {
    const StageParameters params = stage_parameters(m, plan, stage);
    const double dense = params.dense;
    const double experts = params.experts;

    auto sharded = [&](double bytes_per_param, int min_stage) {
      return dense * bytes_per_param / (plan.zero_stage >= min_stage ? dense_dp : 1) +
             experts * bytes_per_param / (plan.zero_stage >= min_stage ? expert_dp : 1);
    };
    MemoryBreakdown mem;
    mem.stage = stage;
    // ZeRO-3 gathering once per step keeps the stage's weights gathered and its gradients unsharded over the
    // micro-batches (Zero3Gather::per_step): sharded only in the optimizer states, like ZeRO-1.
    const bool held_per_step = plan.zero_stage == 3 && plan.zero3_gather == Zero3Gather::per_step;
    mem.weights_bytes = sharded(kWeightBytes, held_per_step ? 4 : 3);
    mem.gradients_bytes = sharded(grad_bytes, held_per_step ? 4 : 2);
    mem.optimizer_bytes = sharded(kOptimizerBytes, 1);
    mem.weights_bytes += cached_low_precision_weight_bytes(m, plan, stage);  // fp8/fp4 copies kept per step

    // One dense and one MoE layer stand for all layers of their kind.
    const int first_moe = m.moe ? m.moe->first_dense_layers : m.layers;
    // GEMM inputs the recipe keeps in low precision for wgrad weigh less than the bf16 accounting.
    auto kept = [&](int layer) {
      return layer_activation_bytes(m, shard, layer, plan.recompute, in.flash_attention) -
             low_precision_saved_input_savings_bytes(m, shard, layer, plan);
    };
    const double dense_layer = params.dense_layers > 0 ? kept(0) : 0;
    const double moe_layer = params.moe_layers > 0 ? kept(first_moe) : 0;
    const double per_micro_batch = params.dense_layers * dense_layer + params.moe_layers * moe_layer;
    double one_layer_full = 0;
    if (plan.recompute == Recompute::full || plan.recompute == Recompute::selective_ops) {
      const int widest = params.moe_layers > 0 ? first_moe : 0;
      one_layer_full = layer_activation_bytes(m, shard, widest, Recompute::none, in.flash_attention);
    }
    // Stage i of p holds min(m, p − i) micro-batches in 1F1B, more under interleaving (the last stage too).
    const double in_flight = in_flight_micro_batches(plan, in.micro_batches, stage);
    mem.activations_bytes = per_micro_batch * in_flight;
    mem.activations_per_micro_batch_bytes = per_micro_batch;
    if (plan.recompute == Recompute::full || plan.recompute == Recompute::selective_ops) {
      mem.activations_bytes += one_layer_full;  // the layer being recomputed
    }
    const double tokens = shard.micro_batch * in.seq_len / plan.cp;
    if (stage == plan.pp - 1) mem.logits_bytes = tokens * m.vocab / t * (4 + 2);  // fp32 logits + bf16 copy
    // Sequence-parallel all-gather buffer (one layer's gathered input) and the runtime reserve.
    mem.buffers_bytes = tokens * m.hidden * 2 * (plan.tp > 1 ? 2 : 0) + kRuntimeReserveBytes;
    if (plan.offload.any()) {
      apply_host_offload(plan.offload, params.layers, params.layers > 0 ? per_micro_batch / params.layers : 0, mem);
    }
    if (mem.total_bytes() > worst.total_bytes()) worst = mem;
  }
  return worst;
}

}  // namespace stargate
