#pragma once
// Internal: collects a serving simulation's measurements as it runs (no allocation per event beyond the
// pre-sized per-request arrays and the time series) and summarizes them.
#include <vector>

#include "replica.h"
#include "stargate/serving/simulator.h"

namespace stargate::serving_detail {

class MetricsCollector {
 public:
  MetricsCollector(const ServingConfig& config, size_t requests, const SimulationOptions& options);
  // Time moves to `t`: integrates requests in system, takes time-series samples.
  void advance(double t, int64_t in_system, const std::vector<Replica>& replicas);
  void iteration(const Replica& replica, const BatchShape& shape, double start, double duration);
  void finished(int32_t id, const Req& r, double now);
  void rejected(int32_t id, double now);
  void summarize(ServingResult& out, const ModelSpec& model, const Cluster& cluster, const std::vector<Req>& reqs,
                 const std::vector<Replica>& replicas, double end);

 private:
  // Halves the time series (every other sample, twice the interval) when it reaches its cap, so memory stays
  // bounded however long the simulated span or short the interval.
  void decimate_samples();

  const ServingConfig& config_;
  SimulationOptions options_;
  double sample_interval_;
  std::vector<double> ttft_, tpot_, e2e_;
  std::vector<ServingSample> samples_;
  std::vector<ServingTraceEvent> trace_;
  double last_t_ = 0, area_ = 0, next_sample_ = 0, first_arrival_ = -1;
  int64_t iterations_ = 0, rejected_ = 0, good_ = 0, max_blocks_ = 0;
  double batch_seqs_ = 0, batch_tokens_ = 0, output_tokens_ = 0, input_tokens_ = 0;
};

// p in [0, 1]; sorts `values` partially.
double percentile(std::vector<double>& values, double p);

}  // namespace stargate::serving_detail
