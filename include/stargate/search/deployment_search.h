#pragma once
// Serving deployment search: the cheapest deployments that serve a demand (the scenario's request rate and
// length distributions) within its SLOs, over accelerator × TP × PP × EP × batch limits × prefill:decode split.
//
// A candidate is one "unit": an aggregated replica (tp·pp GPUs), or a disaggregated group of P prefill and D
// decode replicas (each tp GPUs; with decode_accelerators the decode replicas may sit on another accelerator,
// each pool timed and priced on its own: mixed hardware). For each candidate the search finds the fewest units n
// whose simulation at demand/n per unit (probe_requests requests) has slo.attainment of all requests, and of the
// last quarter of them, meeting every SLO (exponential then binary search on n); a run of confirm_requests
// requests then confirms n, adding units while it fails. Cost = n × Σ pools (GPUs per unit × its $/GPU-hour).
// Units are assumed to scale linearly (even router spreading); the winners are then simulated whole at the demand
// rate for the reported p99 TTFT/TPOT.
//
// Pruning, in order: weights that exceed HBM per GPU, and weights + activations that leave no KV cache, are
// rejected without simulating; a
// candidate whose cheapest possible cost exceeds the current k-th best is dropped after at most one simulation.
// Candidates run in deterministic batches in parallel (oneTBB), driven by the ask/tell loop (ask_tell.h) with an
// exhaustive strategy; the k-th best cost used for pruning only changes between batches, so results do not depend
// on the thread count. The unit counts come from the shared grow-then-bisect helpers (bisection.h).
//
// Pipeline parallelism: a PP replica of pp stages (PoolConfig::pp) keeps pp micro-batches in flight (vLLM virtual
// engines), each taking one full-model step on tp GPUs, with 1/(tp·pp) of the weights per GPU. Stage-to-stage
// activation transfers and pipeline bubbles are ignored. PP > 1 is only tried where no TP ≤ a node fits the model.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "stargate/catalog/catalog.h"
#include "stargate/catalog/cluster.h"
#include "stargate/core/result.h"
#include "stargate/serving/serving_config.h"
#include "stargate/workload/model.h"

namespace stargate {

struct DeploymentCandidate {
  std::string accelerator;
  int tp = 1, pp = 1, ep = 1;
  int attention_dp = 1;  // attention data-parallel ranks per replica (PoolConfig); tp GPUs per replica either way
  int max_batch_sequences = 256, max_batch_tokens = 8192;
  int prefill_replicas = 0, decode_replicas = 0;  // per unit; 0:0 = aggregated (prefill and decode colocated)
  // Disaggregated on mixed hardware: the decode pool's accelerator (catalog id) when it differs from `accelerator`
  // (then the prefill pool's); empty = both pools on `accelerator`.
  std::string decode_accelerator;
  bool disaggregated() const { return prefill_replicas > 0; }
  // "h200" or, on mixed hardware, "h200/b200" (prefill/decode).
  std::string accelerators() const { return decode_accelerator.empty() ? accelerator : accelerator + "/" + decode_accelerator; }
  int gpus_per_unit() const { return disaggregated() ? (prefill_replicas + decode_replicas) * tp : tp * pp; }
  std::string split() const;  // "agg" or "P:D"
};

enum class DeploymentReject {
  none,
  weights_exceed_hbm,  // weights per GPU exceed the usable HBM
  no_kv_space,         // weights + activation workspace leave no KV cache
  misses_slo,          // misses the SLOs even with max_units units (or the simulation failed)
  costlier_than_top,   // cannot beat the k-th cheapest deployment found so far
};
inline constexpr int kDeploymentRejectCount = 5;
const char* deployment_reject_name(DeploymentReject reason);

struct DeploymentOption {
  DeploymentCandidate candidate;
  DeploymentReject reject = DeploymentReject::none;
  int units = 0, replicas = 0, gpus = 0;  // replicas: model copies (a disaggregated unit counts P + D)
  double rate_per_unit = 0;               // requests/s one unit sustains within the SLOs (≥ demand / units)
  double price_per_gpu_hour = 0;
  GpuHourCost gpu_hour_cost;  // price_per_gpu_hour with its parts (mixed hardware: the prefill pool's)
  GpuHourCost decode_gpu_hour_cost;  // mixed hardware: the decode pool's $/GPU-hour (else = gpu_hour_cost)
  double usd_per_hour = 0, usd_per_million_output_tokens = 0;  // at the demand rate
  // Latency in seconds and SLO share: of the whole deployment simulated at the demand rate for the top k
  // (whole_deployment_simulated), else of the run of one unit at demand / units that confirmed the size (units
  // scale linearly); 0 for a candidate never sized.
  double p99_ttft = 0, p99_tpot = 0, slo_attainment = 0;
  double mean_tpot = 0;  // seconds per output token after the first, mean over requests (1 / tokens/s per user)
  bool whole_deployment_simulated = false;
};

struct DeploymentSearchOptions {
  std::vector<std::string> accelerators;  // catalog ids; empty = every accelerator with a node preset
  const Catalog* catalog = nullptr;       // the presets tried; null = only the scenario's own accelerator
  // Mixed hardware: every disaggregated candidate is also tried with its decode pool on each of these catalog ids
  // (its own accelerator excluded); empty = decode on the prefill pool's accelerator only.
  std::vector<std::string> decode_accelerators;
  size_t top = 5;
  int probe_requests = 1000;    // requests per probe of one unit
  int confirm_requests = 4000;  // requests per unit confirming the fewest units found by the probes
  int verify_requests = 4000;   // requests simulated for each of the top-k at the demand rate (≥ probe × units)
  int max_units = 4096;
  // The top k's rate_per_unit re-measured as the highest rate one unit sustains (a bisection of confirm runs);
  // off: demand / units (the front of deployment_front.h needs only the whole-deployment simulation).
  bool measure_top_rate = true;
  int threads = 0;              // 0 = oneTBB default
  size_t batch = 64;            // candidates per parallel round (the pruning bound updates between rounds)
  std::vector<int> batch_sequences = {64, 128, 256, 512};
  std::vector<int> batch_tokens = {2048, 8192};
  std::vector<int> decode_per_prefill = {1, 2, 3};  // disaggregated splits 1:d; empty = aggregated only
};

struct DeploymentSearchResult {
  double demand_rate = 0;  // requests/s
  double demand_output_tokens_per_s = 0;  // output tokens/s at the demand rate (the workload's mean output length)
  size_t candidates = 0, simulated = 0, simulations = 0;
  std::vector<DeploymentOption> top;       // cheapest first (tie: fewer GPUs, then candidate order)
  std::vector<DeploymentOption> outcomes;  // every candidate, in enumeration order (the top k as in `top`)
  double slo_attainment_target = 0;        // the scenario's slo.attainment the sizes were found for
  size_t rejections[kDeploymentRejectCount] = {};
};

// Candidates in enumeration order (feasibility not yet checked).
std::vector<DeploymentCandidate> enumerate_deployments(const ModelSpec& model, const Cluster& cluster,
                                                       const ServingConfig& config,
                                                       const DeploymentSearchOptions& options);

Result<DeploymentSearchResult> search_deployments(const ModelSpec& model, const Cluster& cluster,
                                                  const ServingConfig& config,
                                                  const DeploymentSearchOptions& options = {});

}  // namespace stargate
