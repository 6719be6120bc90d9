#pragma once
// The serving simulation: a discrete-event engine (it jumps to the next arrival, iteration end or KV transfer)
// over replicas that each run an iteration-level scheduler like vLLM's: continuous batching, a token budget per
// iteration, chunked prefill, FCFS admission, a paged KV cache with preemption (recompute or swap) and optional
// prefix caching; disaggregated prefill/decode pools with a KV transfer; a router. Step times come from
// StepTimeModel for the exact batch of every iteration.
#include <cstdint>
#include <string>
#include <vector>

#include "stargate/catalog/cluster.h"
#include "stargate/core/progress.h"
#include "stargate/core/result.h"
#include "stargate/serving/router_group_exchange.h"
#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate {

struct ServingRequest {
  double arrival = 0;  // seconds
  int input_tokens = 0;
  int output_tokens = 0;
  // Prefix identity (prefix caching): the first prefix_tokens tokens of the prompt are the same as those of every
  // request with the same prefix_id (a system prompt; 0 = none). A nonzero session_id makes the request a turn of
  // a conversation: its prompt begins with the previous turn's prompt and output, and its whole sequence continues
  // the conversation's (after the shared prompt, when both are given).
  uint64_t prefix_id = 0;
  int prefix_tokens = 0;
  uint64_t session_id = 0;
};

// Requests of a workload, sorted by arrival (deterministic for a seed). Materializes every request: the
// simulator draws them lazily instead (simulate_serving without a request list).
std::vector<ServingRequest> generate_requests(const ServingWorkload& workload);

// mean is exact; the percentiles come from a quantile sketch (core/quantile_sketch.h) and are within
// kLatencyRelativeAccuracy (relative) of the exact nearest-rank percentile.
struct LatencyStats {
  double mean = 0, p50 = 0, p90 = 0, p99 = 0;  // seconds
  // The distribution for charts (SimulationOptions::latency_quantiles = n): quantiles[k] = the sketch's quantile
  // k/(n − 1), k = 0 .. n − 1, seconds; empty unless asked for or when no request completed.
  std::vector<double> quantiles;
};
inline constexpr double kLatencyRelativeAccuracy = 0.005;

struct ServingSample {
  double time = 0;
  double kv_used_fraction = 0;  // KV blocks in use / capacity, all replicas
  int running = 0;              // sequences in running batches, all replicas
  int waiting = 0;              // queued requests, all replicas
};

// One request's outcome (kept when SimulationOptions::keep_requests, in arrival order: memory O(requests), for
// short probes only).
struct RequestOutcome {
  double arrival = 0, first_token = -1, finish = -1;
  int input_tokens = 0, output_tokens = 0;
  int completions = 0;  // times it finished (exactly 1 when served; 0 when rejected)
  int replica = -1;     // replica that produced the last token
};

// A Chrome-trace event: an iteration on a replica, or a request's lifetime (replica = -1).
struct ServingTraceEvent {
  double start = 0, duration = 0;
  int replica = -1;
  int64_t request = -1;
  int prefill_tokens = 0, decode_seqs = 0;
};

// One pool of a disaggregated deployment (ServingResult::pools): its hardware, memory and what its GPUs cost.
struct ServingPoolResult {
  std::string role;         // "prefill" or "decode"
  std::string accelerator;  // catalog id of its accelerator
  std::string node;         // node preset id
  int replicas = 0, tp = 0, gpus = 0;
  int attention_dp = 1, ep = 1;  // PoolConfig: attention ranks per replica, expert-parallel GPUs
  double busy_fraction = 0;  // its GPU-seconds with an iteration's kernels running / (its GPUs × duration)
  int64_t kv_blocks_per_replica = 0;
  double weight_bytes_per_gpu = 0, kv_bytes_per_token_per_gpu = 0;
  GpuHourCost gpu_hour_cost;  // one of its GPU-hours (PoolHardware, else the deployment's price)
  double cost_usd = 0;        // its GPUs × duration at gpu_hour_cost
};

struct ServingResult {
  int64_t requests = 0, completed = 0, rejected = 0, preemptions = 0, iterations = 0, events = 0;
  double duration = 0;  // first arrival to last completion, seconds
  double input_tokens = 0, output_tokens = 0;
  double requests_per_s = 0, output_tokens_per_s = 0, total_tokens_per_s = 0;
  LatencyStats ttft, tpot, e2e;
  double goodput_requests_per_s = 0, slo_attainment = 0;  // requests meeting every SLO
  double mean_in_system = 0;       // time-averaged requests arrived and not finished (Little's L)
  double mean_batch_sequences = 0, mean_batch_tokens = 0;  // per iteration
  // Utilization, three figures (docs/serving.md):
  // busy_fraction: GPU-seconds with an iteration's kernels running (a host-bound iteration counts its GPU step) /
  // (GPUs × duration): near 1 whenever work trickles in,
  //   however small the batches. gpu_utilization is the same number (its JSON name, kept for compatibility).
  // compute_utilization: model FLOPs of all iterations / (GPUs × duration × compute_peak_flops_per_s).
  // hbm_bandwidth_utilization: HBM bytes of all iterations (IterationWork) / (GPUs × duration × HBM bandwidth).
  double busy_fraction = 0;
  double gpu_utilization = 0;
  double compute_utilization = 0, hbm_bandwidth_utilization = 0;
  double compute_peak_flops_per_s = 0;  // the peak of the weights' precision (fp8 where the card has it), FLOP/s
  double average_power_watts = 0, energy_joules = 0;
  int gpus = 0;
  double price_per_gpu_hour = 0, cost_usd = 0, usd_per_million_output_tokens = 0;
  GpuHourCost gpu_hour_cost;  // the price applied and its parts (deployment.price())
  int64_t kv_blocks_per_replica = 0, max_kv_blocks_used = 0;  // max over replicas and time
  int64_t max_live_requests = 0;  // most requests held at once (arrived, not finished or rejected)
  // Prefix caching: prompt tokens found in a replica's cache at each request's first admission, of the prompt
  // tokens looked up (hit rate = hit / queried), and the cached blocks evicted to make room (all replicas).
  int64_t prefix_hit_tokens = 0, prefix_queried_tokens = 0, prefix_evicted_blocks = 0;
  double prefix_hit_rate = 0;
  double weight_bytes_per_gpu = 0, kv_bytes_per_token_per_gpu = 0;
  // Disaggregated: prefill then decode pool (empty when aggregated). With pools on different hardware
  // price_per_gpu_hour and gpu_hour_cost are the GPU-weighted mean, cost_usd the sum over the pools, and
  // compute_peak_flops_per_s the mean peak per GPU (utilizations divide by every pool's own peak).
  std::vector<ServingPoolResult> pools;
  // Disaggregated: the prefill → decode KV transfer (kv_transfer.h): bytes/s per GPU and bytes per token per GPU.
  double kv_transfer_bandwidth = 0, kv_transfer_bytes_per_token_per_gpu = 0;
  std::vector<ServingSample> samples;
  std::vector<RequestOutcome> outcomes;
  std::vector<ServingTraceEvent> trace;
};

struct SimulationOptions {
  bool keep_requests = false;
  bool record_trace = false;
  size_t trace_limit = 200000;  // events kept in the trace
  // Called with (requests finished or rejected, requests of the workload) every kSimulationProgressEvents events
  // and once at the end (core/progress.h).
  ProgressCallback progress;
  int latency_quantiles = 0;    // fill LatencyStats::quantiles with this many evenly spaced quantiles (≥ 2)
  // The router groups (routers > 1) split over the exchange's processes (router_group_exchange.h): on process 0
  // the result is the whole deployment's, on the others an empty ServingResult (their groups went to process 0).
  // Errors found before simulating are every process's; a group's failure is reported on process 0. Ignored with
  // one router (every process simulates it all).
  const RouterGroupExchange* group_exchange = nullptr;
  // Steady decodes advance as one cohort per replica (serving/decode_cohort.h). false: request by request, the
  // reference the cohort equals bit for bit (decode_cohort_test); the same result, 3-4x slower.
  bool decode_cohort = true;
};
inline constexpr int64_t kSimulationProgressEvents = 16384;

// Contract: an impossible deployment (weights + workspace exceed HBM, TP not dividing the heads) is an Error
// naming the field; never throws otherwise. Draws config.workload's requests lazily: memory is
// O(replicas + requests in flight + trace rows), independent of workload.requests (statistics are streamed).
Result<ServingResult> simulate_serving(const ModelSpec& model, const Cluster& cluster, const ServingConfig& config,
                                       const SimulationOptions& options = {});
// The same over an explicit list of requests (sorted by arrival, stably, before simulating).
Result<ServingResult> simulate_serving(const ModelSpec& model, const Cluster& cluster, const ServingConfig& config,
                                       const std::vector<ServingRequest>& requests,
                                       const SimulationOptions& options = {});


}  // namespace stargate
