#pragma once
// Internal: collects a serving simulation's measurements as it runs and summarizes them. Statistics are streamed
// (counts, sums and quantile sketches), so memory does not grow with the number of requests: only the time series
// (decimated at its cap), the trace (capped) and, when asked for, the per-request outcomes are kept.
#include <cstdint>
#include <utility>
#include <vector>

#include "stargate/core/quantile_sketch.h"

#include "hardware_summary.h"
#include "replica.h"
#include "stargate/serving/simulator.h"

namespace stargate::serving_detail {

// What a run measured: everything summarize() reads, merge() adds and a router group carries between processes
// (group_state.h).
struct Measurements {
  QuantileSketch ttft{kLatencyRelativeAccuracy}, tpot{kLatencyRelativeAccuracy}, e2e{kLatencyRelativeAccuracy};
  std::vector<RequestOutcome> outcomes;  // by arrival index, when SimulationOptions::keep_requests
  std::vector<ServingSample> samples;
  std::vector<ServingTraceEvent> trace;
  double sample_interval_s = 0;          // of `samples` (doubled by each decimation)
  double first_arrival_s = -1;           // -1: no request arrived
  double in_system_request_s = 0;        // ∫ requests in system dt
  int64_t iterations = 0, rejected = 0, good = 0, max_blocks = 0;
  double batch_seqs = 0, batch_tokens = 0, output_tokens = 0, input_tokens = 0;
  double flops = 0, hbm_bytes = 0;  // all GPUs, all iterations
};

class MetricsCollector {
 public:
  MetricsCollector(const ServingConfig& config, const SimulationOptions& options);
  // Time moves to `t`: integrates requests in system, takes time-series samples.
  void advance(double t, int64_t in_system, const std::vector<Replica>& replicas);
  // `engine_work`: the iteration's IterationWork times the engine's GPUs (tp).
  void iteration(const Replica& replica, const BatchShape& shape, double start, double duration,
                 const IterationWork& engine_work);
  void arrived(const Req& r);
  void finished(const Req& r, double now);
  void rejected(const Req& r, double now);
  // `r` leaves the simulation (finished, rejected, or still stuck at the end): its outcome is final.
  void retired(const Req& r);
  // Router groups (router_groups.h): the time series starts at time 0 instead of the first arrival, so every
  // group samples on the same grid and merge() can add them.
  void sample_from_time_zero() { sample_from_zero_ = true; }
  // Hands over what was measured (the collector is left empty).
  Measurements take() { return std::move(m_); }
  // Router groups: this collector's measurements become `first`, the first group's (before any merge()).
  void replace(Measurements first) { m_ = std::move(first); }
  // Adds a group's measurements (both sampled from time zero): counts, sums and sketches add; the time series are
  // brought to the coarser interval and added point by point (a finished group counts as empty); trace rows and
  // outcomes follow this collector's, the group's replica ids shifted by `replica_offset` and its request ids
  // (arrival indices within the group) by `request_offset` (the requests of the groups before it).
  void merge(Measurements& group, int replica_offset, int64_t request_offset);
  // Fills every field of `out` but requests, preemptions, events and max_live_requests (set by the run).
  // `pools`: the hardware of each pool (ReplicaUse::pool indexes it).
  void summarize(ServingResult& out, const std::vector<PoolUse>& pools, const std::vector<ReplicaUse>& replicas,
                 double end);

 private:
  const ServingConfig& config_;
  SimulationOptions options_;
  Measurements m_;
  bool sample_from_zero_ = false;
  int merged_groups_ = 1;  // groups whose kv_used_fraction samples were added (merge)
  double last_t_ = 0, next_sample_ = 0;
};

}  // namespace stargate::serving_detail
