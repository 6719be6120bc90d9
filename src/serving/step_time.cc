#include "stargate/core/units.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/serving/step_time.h"
#include "stargate/sim/collective_sm_share.h"

#include "expert_parallel_cost.h"
#include "size_bucket.h"
#include "tbo_overlap.h"

#include <algorithm>
#include <cmath>

namespace stargate {
namespace {

using serving_detail::bucket;

// Memo lookup: the stored value, or `compute()` stored.
template <typename Compute>
double memoized(FlatMemo& memo, uint64_t key, Compute&& compute) {
  const double known = memo.find(key);
  if (known >= 0) return known;
  const double value = compute();
  if (value >= 0) memo.insert(key, value);
  return value;
}

uint64_t key(uint64_t kind, double a, double b) {
  uint64_t ka = static_cast<uint64_t>(a) & 0xFFFFFFFFull;
  uint64_t kb = static_cast<uint64_t>(std::min(b, 1.8e19)) * 0x9E3779B97F4A7C15ull;
  return (kind << 60) ^ (ka << 24) ^ kb;
}

int head_dim(const ModelSpec& m) { return m.head_dim > 0 ? m.head_dim : m.hidden / m.heads; }

}  // namespace

// The batch's prefill chunks (q queries, `pairs` causal query-key pairs in all) as one variable-length flash
// call: each chunk attends to its own sequence only. pairs ≥ q²/2: one chunk-equivalent after cached context,
// s_kv = (pairs + q²/2)/q ≥ q so that s_q·s_kv − s_q²/2 = pairs. pairs < q²/2 only arises from several prompts
// in one iteration: b = q²/(2·pairs) equal prompts of s = 2·pairs/q tokens (b·s = q, b·s²/2 = pairs), never
// one causal sequence of q tokens, which would let every prompt attend to the ones batched before it.
FlashCall prefill_flash_call(double queries, double pairs) {
  if (!(queries > 0)) return FlashCall{};
  const double q = queries;
  if (pairs >= q * q / 2) return FlashCall{.batch = 1, .s_q = q, .s_kv = (pairs + q * q / 2) / q};
  const double s = std::clamp(2 * pairs / q, 1.0, q);
  return FlashCall{.batch = q / s, .s_q = s, .s_kv = s};
}

double model_weight_bytes(const ModelSpec& model, Dtype weights) {
  ParameterCount p = count_parameters(model);
  // FP8 checkpoints (ModelOpt) quantize the transformer linear layers; embeddings, LM head and norms stay bf16.
  double linear = p.attention + p.dense_ffn + p.experts + p.shared_experts + p.router;
  return linear * dtype_bytes(weights) + (p.embedding + p.norms) * 2.0;
}

StepTimeModel::StepTimeModel(const ModelSpec& model, const Cluster& cluster, const StepTimeOptions& options)
    : model_(model),
      options_(options),
      kernels_(KernelCostModel::for_device(cluster.accelerator, KernelCostOptions{options.cuda_graphs})),
      collectives_(make_cluster_collectives(cluster)) {
  const int atp = engine_gpus();
  tp_group_ = CommGroup{atp, std::min(atp, cluster.node.scale_up_domain)};
  sm_count_ = contention_sm_count(cluster.accelerator);
  const ParameterCount p = count_parameters(model);
  dense_linear_params_ = p.attention + p.dense_ffn + p.shared_experts + p.router;
  routed_expert_params_ = p.experts;
  if (model.is_moe() && (options.ep > 1 || options.attention_dp > 1)) {
    expert_parallel_ = std::make_unique<serving_detail::ExpertParallelCost>(
        model_, cluster,
        serving_detail::ExpertParallelLayout{.tp = options.tp, .attention_dp = options.attention_dp,
                                             .ep = options.ep, .moe = options.moe},
        options.weights);
    // Attention, dense FFN, shared experts and router are replicated per attention rank and tensor-parallel over
    // its GPUs; the embedding and LM head too (vocabulary-parallel, bf16); routed experts as ExpertParallelCost.
    const double linear = (dense_linear_params_ * dtype_bytes(options.weights) + (p.embedding + p.norms) * 2.0) / atp;
    weight_bytes_per_gpu_ = (linear + expert_parallel_->expert_weight_bytes_per_gpu()) / options.pp;
  } else {
    weight_bytes_per_gpu_ = model_weight_bytes(model, options.weights) / (options.tp * options.pp);
  }
  double kv_per_layer = 0;
  if (model.mla) {
    kv_per_layer = model.mla->kv_lora_rank + model.mla->qk_rope_head_dim;  // latent, replicated on every TP rank
  } else {
    double kv_heads_per_gpu = std::ceil(static_cast<double>(model.kv_heads) / atp);
    kv_per_layer = 2.0 * kv_heads_per_gpu * head_dim(model);
  }
  kv_bytes_per_token_ = kv_per_layer * model.layers * options.kv_bytes_per_element;
}

StepTimeModel::~StepTimeModel() = default;

double StepTimeModel::activation_bytes_per_gpu(int tokens) const {
  const double t = tokens, h = model_.hidden, tp = engine_gpus();
  const double qkv = (model_.heads + 2.0 * model_.kv_heads) * head_dim(model_) / tp;
  const double ffn = (model_.is_moe() ? model_.moe->expert_ffn * model_.moe->top_k : model_.ffn) / tp;
  // Live tensors of one layer (residual, normed input, QKV, attention out, gate/up, activation) in bf16, plus
  // fp32 logits for the sampled rows (≤ tokens) and 1 GiB of runtime workspace (CUDA context, cuBLAS, NCCL).
  double layer = t * (3 * h + 2 * qkv + 3 * ffn) * 2;
  double logits = std::min(t, 1024.0) * model_.vocab / tp * 4;
  return layer + logits + kBytesPerGiB;
}

// The attention block's linear work on one GPU of the attention rank (fused engine; MLA as SGLang/vLLM run it:
// fused q_a + kv_a projection, q_b, the per-head absorbed W_UK / W_UV batched GEMMs, O; a prefill's up-projection
// of the latent, kv_b, has the same FLOPs and weight bytes as the absorbed pair, so one form prices both).
double StepTimeModel::attention_layer_linear(double t) const {
  const KernelCostModel& k = kernels_;
  const double h = model_.hidden, tp = engine_gpus();
  const Dtype w = options_.weights;
  double s = 2 * k.memory_bound_seconds(t * h * 2 * 3);  // fused add+RMSNorm, ×2
  if (model_.mla) {
    const MlaSpec& a = *model_.mla;
    const double heads = model_.heads / tp, qk = a.qk_nope_head_dim + a.qk_rope_head_dim;
    const double latent = a.kv_lora_rank + a.qk_rope_head_dim;
    if (a.q_lora_rank > 0) {
      s += k.gemm_seconds(t, a.q_lora_rank + latent, h, w) + k.gemm_seconds(t, heads * qk, a.q_lora_rank, w);
      s += k.memory_bound_seconds(t * (a.q_lora_rank + a.kv_lora_rank) * 2 * 2);  // q_a and kv_a RMSNorms
    } else {
      s += k.gemm_seconds(t, heads * qk + latent, h, w);
      s += k.memory_bound_seconds(t * a.kv_lora_rank * 2 * 2);
    }
    s += k.grouped_gemm_seconds(static_cast<int>(heads), t, a.kv_lora_rank, a.qk_nope_head_dim, w);  // W_UK
    s += k.grouped_gemm_seconds(static_cast<int>(heads), t, a.v_head_dim, a.kv_lora_rank, w);        // W_UV
    s += k.memory_bound_seconds(t * (heads * a.qk_rope_head_dim + latent) * 2 * 2);  // RoPE + latent KV write
    s += k.gemm_seconds(t, h, heads * a.v_head_dim, w);                              // O
    return s;
  }
  const double hd = head_dim(model_);
  const double qd = model_.heads * hd / tp, kvd = std::ceil(double(model_.kv_heads) / tp) * hd;
  s += k.gemm_seconds(t, qd + 2 * kvd, h, w);                         // QKV
  s += k.memory_bound_seconds(t * (qd + 2 * kvd) * 2 * 2);            // RoPE + KV-cache write
  s += k.gemm_seconds(t, h, qd, w);                                   // O
  return s;
}

double StepTimeModel::dense_ffn_layer(double t, bool eager_ref) const {
  const KernelCostModel& k = kernels_;
  const double h = model_.hidden, f = model_.ffn / double(engine_gpus());
  const Dtype w = options_.weights;
  double s = 0;
  if (eager_ref) {
    s += 2 * k.gemm_seconds(t, f, h, w) + k.memory_bound_seconds(t * f * 4) +
         k.memory_bound_seconds(t * f * 6);  // gate, up, silu, mul
  } else {
    s += k.gemm_seconds(t, 2 * f, h, w) + k.memory_bound_seconds(t * f * 2 * 3);  // gate/up, SiLU·mul
  }
  return s + k.gemm_seconds(t, h, f, w);  // down
}

StepTimeModel::LinearSeconds StepTimeModel::per_token_work(int tokens, bool prefilling) {
  if (tokens <= 0) return LinearSeconds{.compute = 0};
  std::vector<LinearSeconds>& memos = per_token_memo_[expert_parallel_ && prefilling ? 1 : 0];
  if (memos.size() <= static_cast<size_t>(tokens)) memos.resize(tokens + 1);
  LinearSeconds& memo = memos[tokens];
  if (memo.compute >= 0) return memo;
  const KernelCostModel& k = kernels_;
  const double t = tokens, h = model_.hidden, tp = engine_gpus(), hd = head_dim(model_);
  const double qd = model_.heads * hd / tp, kvd = std::ceil(double(model_.kv_heads) / tp) * hd;
  const Dtype w = options_.weights;
  const bool eager_ref = options_.engine == EngineKind::pytorch_eager;
  double total = 0, comm = 0;
  LinearSeconds out{};
  for (int layer = 0; layer < model_.layers; ++layer) {
    double s = 0;
    if (eager_ref) {
      // Plain PyTorch RMSNorm: to(fp32), pow, mean, +eps, rsqrt, mul, to(bf16), ·weight (bytes read + written).
      auto rmsnorm = [&] {
        return k.memory_bound_seconds(t * h * 6) + k.memory_bound_seconds(t * h * 8) +
               k.memory_bound_seconds(t * h * 4) + 2 * k.memory_bound_seconds(t * 8) +
               k.memory_bound_seconds(t * h * 12) + 2 * k.memory_bound_seconds(t * h * 6);
      };
      // RoPE on q and k: x·cos, −x2, cat, rotate·sin, add.
      auto rope = [&](double d) {
        return 3 * k.memory_bound_seconds(t * d * 6) + k.memory_bound_seconds(t * d * 2) +
               k.memory_bound_seconds(t * d * 4);
      };
      s += 2 * rmsnorm() + 2 * k.memory_bound_seconds(t * h * 6);  // two norms, two residual adds
      s += k.gemm_seconds(t, qd, h, w) + 2 * k.gemm_seconds(t, kvd, h, w) + rope(qd) + rope(kvd);
      s += k.memory_bound_seconds(t * qd * 4) + 2 * k.memory_bound_seconds(t * kvd * 4);  // transposes, KV write
      s += k.memory_bound_seconds(t * qd * 4) + k.gemm_seconds(t, h, qd, w);             // out transpose, O
    } else {
      s += attention_layer_linear(t);
    }
    if (model_.layer_is_moe(layer)) {
      const MoeSpec& moe = *model_.moe;
      if (expert_parallel_) {
        const serving_detail::ExpertLayerSeconds e = expert_parallel_->layer(k, *collectives_, t, prefilling);
        s += e.compute;
        comm += e.communication;
        ++out.moe_layers;
        out.comm_sms = e.comm_sms;
        out.moe_experts += e.compute;
        out.moe_attention_side -= e.compute;  // the layer's total is added below: the rest is attention-side work
        out.dispatch += e.dispatch;
        out.combine += e.combine;
      } else {
        const double f = moe.expert_ffn / tp;
        const int groups = static_cast<int>(std::min<double>(moe.routed_experts, t * moe.top_k));
        const double m = t * moe.top_k / groups;
        s += k.gemm_seconds(t, moe.routed_experts, h, Dtype::bf16);  // router
        s += k.grouped_gemm_seconds(groups, m, 2 * f, h, w) + k.grouped_gemm_seconds(groups, m, h, f, w);
        s += k.memory_bound_seconds(t * moe.top_k * f * 2 * 3);
        // Routing and token movement around the grouped GEMMs, one kernel each (TensorRT-LLM
        // CutlassMoeFCRunner::runMoe: topkGatingSoftmax, the CUB sort of (expert, token) pairs, expandInputRows,
        // finalizeMoeRouting; vLLM/SGLang fused_moe: moe_align_block_size and moe_sum around the gathering GEMM):
        // the router logits read (fp32) and the top_k ids and weights written; the pairs sorted (keys and values,
        // read and written); each token's row copied to its top_k slots (quantized with fp8 weights); the top_k
        // expert outputs read back and summed into the token's row.
        const double pairs = t * moe.top_k, row_bytes = dtype_bytes(w) <= 1 ? 1.0 : 2.0;
        s += k.memory_bound_seconds(t * moe.routed_experts * 4 + pairs * 8);
        s += k.memory_bound_seconds(pairs * 8 * 2);
        s += k.memory_bound_seconds(t * h * 2 + pairs * h * row_bytes);
        s += k.memory_bound_seconds(pairs * h * 2 + t * h * 2);
      }
      if (moe.shared_experts > 0) {
        const double fs = moe.shared_experts * double(moe.expert_ffn) / tp;
        s += k.gemm_seconds(t, 2 * fs, h, w) + k.gemm_seconds(t, h, fs, w) + k.memory_bound_seconds(t * fs * 6);
      }
      // Without expert parallelism the MoE output is all-reduced like a dense FFN's; with it, the combine
      // returns each token's rows (ExpertParallelCost) and only attention all-reduces.
      if (tp > 1) s += collectives_->seconds(Collective::all_reduce, t * h * 2, tp_group_) * (expert_parallel_ ? 1 : 2);
      if (expert_parallel_) out.moe_attention_side += s;
    } else {
      s += dense_ffn_layer(t, eager_ref);
      if (tp > 1) s += 2 * collectives_->seconds(Collective::all_reduce, t * h * 2, tp_group_);
    }
    total += s;
  }
  total += k.memory_bound_seconds(t * h * 2 * 2);  // embedding lookup
  if (eager_ref) {
    total += 6 * k.memory_bound_seconds(t * h * 6) + 2 * k.memory_bound_seconds(t * 8);  // final RMSNorm
  } else {
    total += k.memory_bound_seconds(t * h * 2 * 3);  // final norm
  }
  out.compute = total;
  out.communication = comm;
  memo = out;
  return memo;
}

double StepTimeModel::prefill_attention(int queries, double pairs) {
  if (queries <= 0) return 0;
  const double q = bucket(queries), p = bucket(pairs);
  return memoized(attention_memo_, key(1, q, p), [&] {
    const double tp = engine_gpus();
    const double heads = model_.heads / tp;
    auto layer = [&](double layer_pairs) {  // one layer's flash call over `layer_pairs` query-key pairs
      const FlashCall call = prefill_flash_call(q, layer_pairs);
      if (model_.mla) {
        // MLA prefill runs as multi-head attention on the up-projected keys and values (qk_nope + qk_rope per
        // head for QKᵀ, v_head_dim for PV): the flash kernel's 4·d FLOPs per pair with d their mean.
        const MlaSpec& a = *model_.mla;
        const double d = (a.qk_nope_head_dim + a.qk_rope_head_dim + a.v_head_dim) / 2.0;
        return kernels_.attention_forward_seconds(call.batch, heads, heads, d, call.s_q, call.s_kv, true);
      }
      const double kv = std::max(1.0, std::ceil(model_.kv_heads / tp));
      return kernels_.attention_forward_seconds(call.batch, heads, kv, head_dim(model_), call.s_q, call.s_kv, true);
    };
    // Windowed layers (LocalAttention) attend to at most their window of keys per query.
    double s = model_.global_attention_layers() * layer(p);
    if (model_.local_attention) s += model_.local_attention->layers * layer(model_.local_attention->prefill_pairs(q, p));
    return s;
  });
}

double StepTimeModel::decode_attention(int seqs, double context) {
  if (seqs <= 0) return 0;
  const double b = bucket(seqs), ctx = bucket(std::max(1.0, context / seqs));
  return memoized(attention_memo_, key(2, b, ctx), [&] {
    const double tp = engine_gpus(), heads = model_.heads / tp;
    auto layer = [&](double layer_ctx) {  // one layer's decode over `layer_ctx` cached tokens per sequence
      if (model_.mla) {
        // Absorbed MLA decode (FlashMLA): every query head reads the one latent row per cached token
        // (kv_lora_rank + qk_rope_head_dim elements, K and V at once). Memory: the latent bytes, priced as a
        // one-KV-head decode whose K and V halves add up to the latent row; compute: QKᵀ over the latent width and
        // PV over kv_lora_rank per head and token, priced as batched GEMMs [heads, latent]·[latent, ctx] and
        // [heads, ctx]·[ctx, kv_lora] — the kernel takes the slower of the two (FlashMLA README: memory-bound
        // 3000 GB/s, compute-bound 580 TFLOP/s on H800).
        const MlaSpec& a = *model_.mla;
        const double latent = a.kv_lora_rank + a.qk_rope_head_dim;
        const double memory =
            kernels_.decode_attention_seconds(b, heads, 1, latent / 2, layer_ctx, options_.kv_bytes_per_element);
        const int groups = static_cast<int>(b);
        const double compute = kernels_.grouped_gemm_seconds(groups, heads, layer_ctx, latent, Dtype::bf16) +
                               kernels_.grouped_gemm_seconds(groups, heads, a.kv_lora_rank, layer_ctx, Dtype::bf16);
        return std::max(memory, compute);
      }
      const double kv = std::max(1.0, std::ceil(model_.kv_heads / tp));
      return kernels_.decode_attention_seconds(b, heads, kv, head_dim(model_), layer_ctx, options_.kv_bytes_per_element);
    };
    // Windowed layers (LocalAttention) read only the keys inside their window.
    double s = model_.global_attention_layers() * layer(ctx);
    if (model_.local_attention) s += model_.local_attention->layers * layer(model_.local_attention->attended(ctx));
    return s;
  });
}

double StepTimeModel::head(int rows) {
  if (rows <= 0) return 0;
  if (head_memo_.size() <= static_cast<size_t>(rows)) head_memo_.resize(rows + 1, -1);
  double& memo = head_memo_[rows];
  if (memo >= 0) return memo;
  const KernelCostModel& k = kernels_;
  const double r = rows, h = model_.hidden, v = model_.vocab / double(engine_gpus());
  double s = k.gemm_seconds(r, v, h, Dtype::bf16);  // LM head (bf16 in FP8 checkpoints too)
  if (options_.engine == EngineKind::pytorch_eager) {
    s += k.memory_bound_seconds(r * v * 6);  // logits.float()
  } else {
    s += k.memory_bound_seconds(r * v * 4 * 2);  // softmax + sampling over fp32 logits
  }
  if (engine_gpus() > 1) {
    s += collectives_->seconds(Collective::all_gather, r * model_.vocab * 2, tp_group_);
  }
  memo = s;
  return s;
}

double StepTimeModel::seconds(const BatchShape& b) { return step_seconds(b, b.tokens()); }

double StepTimeModel::lockstep_seconds(const BatchShape& b, double group_mean_tokens) {
  return step_seconds(b, std::max(0, static_cast<int>(std::lround(group_mean_tokens))));
}

StepTimeModel::LinearSeconds StepTimeModel::with_moe_of(LinearSeconds own, int own_tokens, int moe_tokens,
                                                        bool prefilling) {
  if (!expert_parallel_ || moe_tokens == own_tokens) return own;
  const LinearSeconds group = per_token_work(moe_tokens, prefilling);
  own.compute += group.moe_experts - own.moe_experts;
  own.communication = group.communication;
  own.moe_experts = group.moe_experts;
  own.dispatch = group.dispatch;
  own.combine = group.combine;
  if (group.comm_sms > 0) own.comm_sms = group.comm_sms;
  return own;
}

double StepTimeModel::step_seconds(const BatchShape& b, int moe_tokens) {
  if (b.tokens() <= 0) return 0;
  const bool prefilling = b.prefill_tokens > 0;
  const double attention = prefill_attention(b.prefill_tokens, b.prefill_pairs) +
                           decode_attention(b.decode_seqs, b.decode_context);
  const int tokens = b.tokens();
  if (expert_parallel_ && options_.moe.two_batch_overlap && tokens >= 2) {
    // Two-batch overlap: two micro-batches of half the tokens; one's dispatch/combine runs while the other
    // computes, so the iteration takes the longer of the two streams (DeepSeek's inference system, SGLang TBO).
    const LinearSeconds first = with_moe_of(per_token_work((tokens + 1) / 2, prefilling), (tokens + 1) / 2,
                                            (moe_tokens + 1) / 2, prefilling);
    const LinearSeconds second = with_moe_of(per_token_work(tokens / 2, prefilling), tokens / 2, moe_tokens / 2,
                                             prefilling);
    if (first.comm_sms > 0 && first.moe_layers > 0) {
      return two_batch_prefill_seconds(first, second, attention) + head(b.logit_rows);
    }
    const double compute = first.compute + second.compute + attention;
    return std::max(compute, first.communication + second.communication) + head(b.logit_rows);
  }
  const LinearSeconds work = with_moe_of(per_token_work(tokens, prefilling), tokens, moe_tokens, prefilling);
  return work.compute + work.communication + attention + head(b.logit_rows);
}

double StepTimeModel::two_batch_prefill_seconds(const LinearSeconds& first, const LinearSeconds& second,
                                                double attention) const {
  const double n = first.moe_layers, per_layer_attention = attention / model_.layers;
  auto micro_batch = [&](const LinearSeconds& w) {
    // The iteration's attention kernels are split evenly over the two micro-batches (DeepSeek balances the
    // attention load between them, profile-data README).
    return serving_detail::TboMicroBatch{.attention_side = w.moe_attention_side / n + per_layer_attention / 2,
                                         .experts = w.moe_experts / n, .dispatch = w.dispatch / n,
                                         .combine = w.combine / n};
  };
  const double sm_share = static_cast<double>(first.comm_sms) / sm_count_;
  const double moe_layer = serving_detail::two_batch_moe_layer_seconds(micro_batch(first), micro_batch(second), sm_share);
  // Dense layers, embedding and final norm: both micro-batches one after the other, nothing to overlap.
  const double rest = first.compute - first.moe_attention_side - first.moe_experts + second.compute -
                      second.moe_attention_side - second.moe_experts + per_layer_attention * (model_.layers - n);
  return rest + n * moe_layer;
}

}  // namespace stargate
