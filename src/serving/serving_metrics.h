#pragma once
// Internal: collects a serving simulation's measurements as it runs and summarizes them. Statistics are streamed
// (counts, sums and quantile sketches), so memory does not grow with the number of requests: only the time series
// (decimated at its cap), the trace (capped) and, when asked for, the per-request outcomes are kept.
#include <vector>

#include "stargate/core/quantile_sketch.h"

#include "hardware_summary.h"
#include "replica.h"
#include "stargate/serving/simulator.h"

namespace stargate::serving_detail {

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
  // Adds a group's measurements (both sampled from time zero): counts, sums and sketches add; the time series are
  // brought to the coarser interval and added point by point (a finished group counts as empty); trace rows and
  // outcomes follow this collector's, the group's replica ids shifted by `replica_offset` and its request ids
  // (arrival indices within the group) by `request_offset` (the requests of the groups before it).
  void merge(MetricsCollector& group, int replica_offset, int64_t request_offset);
  // Fills every field of `out` but requests, preemptions, events and max_live_requests (set by the run).
  // `pools`: the hardware of each pool (Replica::pool indexes it).
  void summarize(ServingResult& out, const std::vector<PoolUse>& pools, const std::vector<Replica>& replicas, double end);

 private:
  // Halves the time series (every other sample, twice the interval) when it reaches its cap, so memory stays
  // bounded however long the simulated span or short the interval.
  void decimate_samples();

  const ServingConfig& config_;
  SimulationOptions options_;
  double sample_interval_;
  QuantileSketch ttft_{kLatencyRelativeAccuracy}, tpot_{kLatencyRelativeAccuracy}, e2e_{kLatencyRelativeAccuracy};
  std::vector<RequestOutcome> outcomes_;  // by arrival index, when options_.keep_requests
  std::vector<ServingSample> samples_;
  std::vector<ServingTraceEvent> trace_;
  // Halves the series until its interval is `interval` (a power-of-two multiple of the current one).
  void coarsen_samples(double interval);

  bool sample_from_zero_ = false;
  int merged_groups_ = 1;  // groups whose kv_used_fraction samples were added (merge)
  double last_t_ = 0, area_ = 0, next_sample_ = 0, first_arrival_ = -1;
  int64_t iterations_ = 0, rejected_ = 0, good_ = 0, max_blocks_ = 0;
  double batch_seqs_ = 0, batch_tokens_ = 0, output_tokens_ = 0, input_tokens_ = 0;
  double flops_ = 0, hbm_bytes_ = 0;  // all GPUs, all iterations
};

}  // namespace stargate::serving_detail
