#pragma once
// A serving deployment under a load: the `serving:` section of a scenario (docs/serving.md lists every field).
// Times in seconds, rates in requests/s, sizes in tokens unless stated.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stargate/catalog/accelerator.h"
#include "stargate/catalog/cluster.h"
#include "stargate/catalog/dtype.h"
#include "stargate/cost/gpu_hour_cost.h"
#include "stargate/serving/cuda_graph_batches.h"
#include "stargate/workload/model.h"

namespace stargate {

// How the per-layer work is split into kernels. `fused`: a serving engine (vLLM, TensorRT-LLM): fused QKV and
// gate/up GEMMs, norm+residual, RoPE+KV-cache write and SiLU·mul each one kernel. `pytorch_eager`: a plain PyTorch
// Llama (RMSNorm, RoPE written as elementwise ops, separate q/k/v and gate/up GEMMs), full-vocabulary logits for
// every position a forward computes; the kernel list of both plain PyTorch engines (engine_defaults.h), eager or
// replayed as CUDA graphs as ServingDeployment::cuda_graphs and eager_prefill say.
enum class EngineKind { fused, pytorch_eager };
// prefix_aware: the entry replica holding the most of the request's prompt in its prefix cache, among those within
// kPrefixRouterLoadSlack outstanding requests of the least loaded; ties and misses go to the least loaded
// (cache-aware routing as SGLang's router and NVIDIA Dynamo's KV router do it, with a load guard; docs/serving.md).
enum class RouterPolicy { round_robin, least_outstanding, prefix_aware };
inline constexpr int kPrefixRouterLoadSlack = 32;  // requests; an assumption, not a measured or published value
// A full KV cache preempts the most recently admitted running request: recompute drops its KV and re-prefills
// (vLLM default); swap copies its KV to host memory over PCIe and back when resumed.
enum class PreemptionMode { recompute, swap };
// Which requests the scheduler lets into the KV cache. `max_utilization` (vLLM; TensorRT-LLM MAX_UTILIZATION):
// admit while the blocks the request needs NOW are free, preempt when a running request cannot grow.
// `guaranteed_no_evict` (TensorRT-LLM's default CapacitySchedulerPolicy): admit only when the blocks of the
// request's whole prompt + maximum output fit beside what every running request still needs to finish, so no
// request is ever preempted (TensorRT-LLM docs, performance-tuning-guide/useful-runtime-flags).
enum class CapacityPolicy { max_utilization, guaranteed_no_evict };
enum class ArrivalKind { poisson, gamma, offline, trace };

// Token-length distribution: fixed (mean), uniform [min, max], or normal(mean, stdev) clamped to [min, max].
struct LengthDistribution {
  enum class Kind { fixed, uniform, normal } kind = Kind::fixed;
  double mean = 128, stdev = 0, min = 1, max = 1e9;
};

// A pool's own hardware (mixed-hardware disaggregation, e.g. H200 prefill and B200 decode): the accelerator and
// node preset its GPUs sit in and what one of its GPU-hours costs. The pool's steps are timed on this accelerator,
// its KV cache sized from its HBM, its GPUs priced at its own $/GPU-hour; the scale-out fabric stays the cluster's.
struct PoolHardware {
  AcceleratorSpec accelerator;
  NodeSpec node;
  GpuHourCost gpu_hour_cost;  // the pool's explicit `price_per_gpu`, else the cost model's for (node, accelerator)
};

// One replica pool: `replicas` copies of the model, each on `tp` GPUs per pipeline stage.
// Attention data parallelism (SGLang --enable-dp-attention --dp N, vLLM --data-parallel-size with expert
// parallelism, TensorRT-LLM enable_attention_dp): the replica's tp GPUs form `attention_dp` attention ranks of
// tp / attention_dp GPUs each; every rank has its own batch and its own KV cache (the simulator runs it as an
// engine), the attention, dense FFN, shared experts and LM head of a rank are tensor-parallel over its
// tp / attention_dp GPUs, and the MoE layers of all ranks run together: the routed experts are spread over `ep`
// GPUs (expert tensor parallelism tp / ep inside each expert) and tokens travel to them by dispatch/combine
// all-to-all (docs/serving.md "MoE serving").
struct PoolConfig {
  int replicas = 1;
  int tp = 1;
  // Pipeline stages per replica (tp·pp GPUs each). A pipelined replica keeps pp micro-batches in flight, one per
  // stage: the simulator runs it as pp engines, each timed as the whole model on tp GPUs (the stages' sum) and each
  // holding 1/pp of the replica's free memory for its KV cache, while every GPU holds 1/(tp·pp) of the weights.
  int pp = 1;
  int attention_dp = 1;  // attention ranks per replica; divides tp
  int ep = 1;            // GPUs the routed experts are spread over; divides tp (1: experts tensor-parallel over tp)
  // The pool's own accelerator, node and price (disaggregated pools); unset: the scenario cluster's.
  std::optional<PoolHardware> hardware;
};

// The cluster a pool runs on: `cluster` with the pool's own accelerator and node when it has them (the scale-out
// fabric and GPU count stay the cluster's).
Cluster pool_cluster(const Cluster& cluster, const PoolConfig& pool);

// Speculative decoding: each decode iteration a drafter proposes `tokens` (k) tokens per sequence, one after the
// other, and the target model verifies them in one pass of k + 1 queries per sequence (the verification is a
// prefill of k + 1 tokens against the cached context: its KV bytes are read once). Draft position i is accepted
// with probability acceptance[i] given positions < i were (the last entry repeats); the sequence gains the
// accepted prefix plus the target's own next token, so 1 … k + 1 tokens per iteration.
// Drafters: `draft_model` (a separate, smaller model preset, Leviathan et al. 2023, "Fast Inference from
// Transformers via Speculative Decoding"), `mtp` (DeepSeek-V3 multi-token prediction modules: one transformer block
// of the target's shape per draft position), `eagle` (EAGLE, Li et al. 2024: one decoder layer of the target's
// shape on the target's features). Each draft step is timed as a decode step of the drafter (one layer for
// mtp/eagle, plus the LM head); the drafter's weights and KV cache take HBM beside the target's.
struct SpeculativeDecoding {
  enum class Method { draft_model, mtp, eagle } method = Method::mtp;
  int tokens = 1;                   // k: draft tokens proposed per sequence per iteration
  std::vector<double> acceptance;   // per-position conditional acceptance probabilities, in [0, 1]
  std::optional<ModelSpec> draft;   // method draft_model: the drafter (a preset or inline model)
};

// How a MoE model's routed experts are served when a pool has ep > 1 (docs/serving.md "MoE serving").
struct MoeServing {
  // Dispatch/combine kernels (DeepEP, deepseek-ai/DeepEP README): `normal` (NVLink + RDMA forwarding, one row per
  // (token, destination GPU), for large batches), `low_latency` (one row per (token, expert), sent directly,
  // CUDA-graph compatible), `auto` (SGLang --deepep-mode auto: normal for iterations that prefill, low-latency for
  // decode-only iterations).
  enum class Dispatch { automatic, normal, low_latency } dispatch = Dispatch::automatic;
  // Two-batch overlap (SGLang --enable-two-batch-overlap; DeepSeek's inference system): the iteration runs as two
  // micro-batches whose dispatch/combine overlap the other's computation.
  bool two_batch_overlap = false;
  // Extra expert replicas placed by an expert-parallel load balancer (DeepSeek EPLB; SGLang
  // --ep-num-redundant-experts): each GPU holds (routed + redundant) / ep experts.
  int redundant_experts = 0;
  // Tokens of the busiest EP rank over the mean; 0 = the sampling imbalance of uniformly routed tokens (what a
  // balancer that evens out expert popularity leaves: see expected_expert_imbalance).
  double expert_imbalance = 0;
};

struct ServingDeployment {
  PoolConfig pool;                         // colocated prefill+decode replicas (ignored when disaggregated)
  std::optional<PoolConfig> prefill_pool;  // disaggregated (DistServe): prefill-only replicas ...
  std::optional<PoolConfig> decode_pool;   // ... and decode-only replicas; both or neither
  Dtype weights = Dtype::bf16;             // GEMM and weight precision (fp8: FP8 weights and activations)
  double kv_bytes_per_element = 2;         // KV-cache element size: 2 (bf16) or 1 (fp8)
  bool cuda_graphs = true;                 // decode/mixed steps replayed as CUDA graphs (no host launch cost)
  // With cuda_graphs: iterations that prefill still launch every kernel from the host (only the decode step is
  // captured: engine pytorch_cuda_graphs); decode-only iterations replay the graph.
  bool eager_prefill = false;
  EngineKind engine = EngineKind::fused;   // the kernel list (engine_defaults.h: apply_engine_execution)
  // The batch sizes the engine captures its decode step at: a decode-only iteration computes the smallest captured
  // size ≥ its batch (cuda_graph_batches.h); exact = no padding. Only with cuda_graphs.
  CudaGraphBatches cuda_graph_batches = CudaGraphBatches::exact;
  // Host time the engine spends per sequence of an iteration outside the GPU's work (seconds): building the
  // iteration's inputs, scheduling, sampling bookkeeping and responses, one Python loop over its requests. The
  // engine runs it ahead of the GPU (TensorRT-LLM's overlap scheduler), so an iteration lasts max(GPU time,
  // sequences × this); it binds only at large batches. 0 = never binds (engine_defaults.h sets TensorRT-LLM's).
  double host_seconds_per_sequence = 0;
  RouterPolicy router = RouterPolicy::least_outstanding;
  // Independent routers, each in front of an equal share of every pool's replicas (replicas / routers of each);
  // the front door sends each request to one of them uniformly at random, so each router sees 1/routers of the
  // load (for Poisson arrivals exactly a Poisson stream of rate / routers). The routers' groups share nothing,
  // so the simulation runs them in parallel (oneTBB); the result depends on `routers`, never on the thread count.
  int routers = 1;
  std::optional<SpeculativeDecoding> speculative;
  MoeServing moe;  // used by pools with ep > 1
  // KV transfer prefill → decode (disaggregated), bytes/s per GPU; 0 = the NIC bandwidth per GPU of the slower
  // endpoint (the prefill and decode pools' nodes; the cluster's node for a pool without its own hardware).
  double kv_transfer_bandwidth = 0;
  double price_per_gpu_hour = 0;  // USD, the scenario's explicit `price_per_gpu`; > 0 overrides gpu_hour_cost
  // The cost model's $/GPU-hour for the cluster (cost/gpu_hour_cost_model.h), filled in by the scenario reader;
  // all zero when neither is set (the run is then unpriced: cost fields 0).
  GpuHourCost gpu_hour_cost;
  GpuHourCost price() const { return price_per_gpu_hour > 0 ? GpuHourCost{.explicit_usd = price_per_gpu_hour} : gpu_hour_cost; }
  // $/GPU-hour of one pool's GPUs: its own hardware's price, else price().
  GpuHourCost pool_price(const PoolConfig& p) const { return p.hardware ? p.hardware->gpu_hour_cost : price(); }
  int total_gpus() const;
  // The replicas of the first pool that `routers` does not divide (every router serves an equal share of every
  // pool); 0 when it divides them all.
  int replicas_routers_do_not_divide() const;
  bool disaggregated() const { return prefill_pool.has_value(); }
  // Whether a pool names its own hardware (then pools may differ in accelerator, node and price).
  bool mixed_hardware() const {
    return disaggregated() && (prefill_pool->hardware.has_value() || decode_pool->hardware.has_value());
  }
};

struct SchedulerConfig {
  int max_batch_sequences = 256;   // running sequences per replica (vLLM max_num_seqs)
  int max_batch_tokens = 8192;     // tokens computed per iteration (vLLM max_num_batched_tokens)
  bool chunked_prefill = true;     // split long prompts across iterations; false: a prompt must fit whole
  int block_tokens = 16;           // KV-cache block size, tokens (vLLM default 16)
  // Share of HBM the engine may use (weights + activations + KV): vLLM's gpu_memory_utilization and TensorRT-LLM's
  // kv_cache_free_gpu_mem_fraction both default to 0.9.
  double gpu_memory_fraction = 0.9;
  PreemptionMode preemption = PreemptionMode::recompute;
  CapacityPolicy capacity_policy = CapacityPolicy::max_utilization;
  // Automatic prefix caching (vLLM enable_prefix_caching, SGLang's radix cache): full KV blocks stay cached after
  // their requests leave and are reused by later requests with the same prefix (workload.prefix, .conversation,
  // .shared_prefix or the trace's prefix columns); LRU eviction when blocks are needed. docs/serving.md.
  bool prefix_caching = false;
  double swap_bandwidth = 50e9;    // bytes/s host↔device for swap preemption (PCIe Gen5 x16 achieved)

  // HBM bytes per GPU the engine may fill on `accelerator`: the one usable-memory rule of serving (simulator,
  // deployment search and the fleet's decode rate).
  double usable_hbm_bytes(const AcceleratorSpec& accelerator) const {
    return accelerator.hbm_capacity_bytes * gpu_memory_fraction;
  }
};

struct TraceRow {
  double arrival = 0;
  int input_tokens = 0;
  int output_tokens = 0;
  uint64_t prefix_id = 0;   // optional columns (ServingRequest): shared prompt id (0 = none) ...
  int prefix_tokens = 0;    // ... and its length, tokens
  uint64_t session_id = 0;  // conversation id (0 = none)
};

// Shared prompts (system prompts, few-shot templates): `share` of the requests begin with one of `groups`
// prompts of `tokens` tokens each (added to the drawn input length), prompt k drawn with probability
// ∝ 1 / k^zipf_exponent (0: uniform).
struct PrefixGroups {
  int tokens = 0;
  int groups = 1;
  double zipf_exponent = 0;
  double share = 1;
};

// Multi-turn conversations: every conversation has `turns` requests; turn t + 1 arrives think_time (seconds, the
// mean of an exponential gap) after turn t arrived, and its prompt is turn t's prompt + output + a newly drawn
// input. New conversations start at rate / turns, so `rate` and `requests` still count requests.
struct Conversations {
  int turns = 1;
  double think_time = 0;
};

// Demand stated as a population: the peak request rate it produces is
// users · requests_per_user_per_day / 86,400 s · peak_factor (the busiest hour over the daily mean).
struct ServingDemand {
  double users = 0;
  double requests_per_user_per_day = 0;
  double peak_factor = 1;
  double peak_rate() const { return users * requests_per_user_per_day / 86400.0 * peak_factor; }
};

struct ServingWorkload {
  ArrivalKind arrival = ArrivalKind::poisson;
  double rate = 1;         // requests/s (poisson, gamma); from `demand` when that is given
  std::optional<ServingDemand> demand;
  double burstiness = 1;   // gamma: coefficient of variation of inter-arrival times (1 = Poisson)
  int64_t requests = 1000;
  LengthDistribution input, output;
  int shared_prefix = 0;   // tokens of system prompt shared by every request (= prefix {tokens, groups: 1})
  std::optional<PrefixGroups> prefix;
  std::optional<Conversations> conversation;
  uint64_t seed = 1;
  std::vector<TraceRow> trace;  // arrival: trace (from a CSV file: arrival_s,input_tokens,output_tokens)
};

// Latency targets; 0 = no target. Goodput counts requests that meet every target (DistServe).
struct ServingSlo {
  double ttft = 0;
  double tpot = 0;
  double e2e = 0;
  double attainment = 0.9;  // capacity planning: the share of requests that must meet the targets
};

struct ServingConfig {
  ServingDeployment deployment;
  SchedulerConfig scheduler;
  ServingWorkload workload;
  ServingSlo slo;
  double sample_interval = 1;  // seconds between time-series samples (KV use, batch size)
};

}  // namespace stargate
