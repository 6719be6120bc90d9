#include "serving_metrics.h"

#include <algorithm>

#include "stargate/core/value_limits.h"

namespace stargate::serving_detail {

namespace {
LatencyStats stats(const QuantileSketch& sketch, int quantiles) {
  LatencyStats s;
  if (sketch.count() == 0) return s;
  s.mean = sketch.sum() / double(sketch.count());
  s.p50 = sketch.quantile(0.5);
  s.p90 = sketch.quantile(0.9);
  s.p99 = sketch.quantile(0.99);
  for (int k = 0; quantiles >= 2 && k < quantiles; ++k) s.quantiles.push_back(sketch.quantile(k / double(quantiles - 1)));
  return s;
}

RequestOutcome outcome_of(const Req& r) {
  return {r.arrival, r.first_token, r.finish, r.input, r.output, r.completions, r.replica};
}
}  // namespace

MetricsCollector::MetricsCollector(const ServingConfig& config, const SimulationOptions& options)
    : config_(config), options_(options), sample_interval_(config.sample_interval) {
  samples_.reserve(4096);
}

void MetricsCollector::arrived(const Req& r) {
  if (options_.keep_requests) outcomes_.push_back(outcome_of(r));
}

void MetricsCollector::retired(const Req& r) {
  if (options_.keep_requests) outcomes_[static_cast<size_t>(r.seq)] = outcome_of(r);
}

void MetricsCollector::advance(double t, int64_t in_system, const std::vector<Replica>& replicas) {
  if (first_arrival_ < 0) {
    first_arrival_ = last_t_ = t;
    next_sample_ = sample_from_zero_ ? 0 : t;
  }
  area_ += in_system * (t - last_t_);
  last_t_ = t;
  while (sample_interval_ > 0 && next_sample_ <= t) {
    ServingSample s;
    s.time = next_sample_;
    double used = 0, total = 0;
    for (const Replica& r : replicas) {
      used += r.blocks_total - r.blocks_free;
      total += r.blocks_total;
      s.running += static_cast<int>(r.running.size());
      s.waiting += static_cast<int>(r.waiting.size());
    }
    s.kv_used_fraction = total > 0 ? used / total : 0;
    samples_.push_back(s);
    next_sample_ += sample_interval_;
    if (static_cast<int64_t>(samples_.size()) >= serving_limits::max_time_series_samples) decimate_samples();
  }
}

void MetricsCollector::decimate_samples() {
  // Samples sit at first + k·interval and their count is even here: keeping even k leaves the grid first + j·2·interval
  // and next_sample_ already on it.
  size_t kept = 0;
  for (size_t i = 0; i < samples_.size(); i += 2) samples_[kept++] = samples_[i];
  samples_.resize(kept);
  sample_interval_ *= 2;
}

void MetricsCollector::coarsen_samples(double interval) {
  while (sample_interval_ < interval * (1 - 1e-9) && !samples_.empty()) {
    decimate_samples();
  }
  sample_interval_ = std::max(sample_interval_, interval);
}

void MetricsCollector::merge(MetricsCollector& group, int replica_offset, int64_t request_offset) {
  ttft_.merge(group.ttft_);
  tpot_.merge(group.tpot_);
  e2e_.merge(group.e2e_);
  if (group.first_arrival_ >= 0) {
    first_arrival_ = first_arrival_ < 0 ? group.first_arrival_ : std::min(first_arrival_, group.first_arrival_);
  }
  area_ += group.area_;
  iterations_ += group.iterations_;
  rejected_ += group.rejected_;
  good_ += group.good_;
  max_blocks_ = std::max(max_blocks_, group.max_blocks_);
  batch_seqs_ += group.batch_seqs_;
  batch_tokens_ += group.batch_tokens_;
  output_tokens_ += group.output_tokens_;
  input_tokens_ += group.input_tokens_;
  flops_ += group.flops_;
  hbm_bytes_ += group.hbm_bytes_;
  const double interval = std::max(sample_interval_, group.sample_interval_);
  coarsen_samples(interval);
  group.coarsen_samples(interval);
  // kv_used_fraction: every group has the same blocks (equal replicas), so the whole's is the mean over groups.
  const size_t n = std::max(samples_.size(), group.samples_.size());
  samples_.resize(n);
  for (size_t k = 0; k < n; ++k) {
    samples_[k].time = double(k) * interval;
    if (k >= group.samples_.size()) continue;
    samples_[k].running += group.samples_[k].running;
    samples_[k].waiting += group.samples_[k].waiting;
    samples_[k].kv_used_fraction += group.samples_[k].kv_used_fraction;
  }
  ++merged_groups_;
  for (ServingTraceEvent e : group.trace_) {
    if (trace_.size() >= options_.trace_limit) break;
    if (e.replica >= 0) e.replica += replica_offset;
    if (e.request >= 0) e.request += request_offset;
    trace_.push_back(e);
  }
  outcomes_.insert(outcomes_.end(), group.outcomes_.begin(), group.outcomes_.end());
}

void MetricsCollector::iteration(const Replica& rep, const BatchShape& shape, double start, double duration,
                                 const IterationWork& engine_work) {
  ++iterations_;
  flops_ += engine_work.flops_per_gpu;
  hbm_bytes_ += engine_work.hbm_bytes_per_gpu;
  batch_seqs_ += shape.prefill_tokens > 0 ? static_cast<double>(rep.scheduled.size()) : shape.decode_seqs;
  batch_tokens_ += shape.tokens();
  max_blocks_ = std::max(max_blocks_, rep.blocks_total - rep.blocks_free);
  if (options_.record_trace && trace_.size() < options_.trace_limit) {
    trace_.push_back({start, duration, rep.id, -1, shape.prefill_tokens, shape.decode_seqs});
  }
}

void MetricsCollector::finished(const Req& r, double now) {
  const double ttft = r.first_token - r.arrival, e2e = now - r.arrival;
  const double tpot = r.output > 1 ? (now - r.first_token) / (r.output - 1) : 0;
  ttft_.add(ttft);
  e2e_.add(e2e);
  if (r.output > 1) tpot_.add(tpot);
  input_tokens_ += r.input;
  output_tokens_ += r.output;
  const ServingSlo& slo = config_.slo;
  if ((slo.ttft <= 0 || ttft <= slo.ttft) && (slo.tpot <= 0 || tpot <= slo.tpot) && (slo.e2e <= 0 || e2e <= slo.e2e)) {
    ++good_;
  }
  if (options_.record_trace && trace_.size() < options_.trace_limit) {
    trace_.push_back({r.arrival, e2e, -1, r.seq, r.input, r.output});
  }
}

void MetricsCollector::rejected(const Req&, double) { ++rejected_; }

void MetricsCollector::summarize(ServingResult& out, const std::vector<PoolUse>& pools, const std::vector<Replica>& replicas,
                                 double end) {
  out.completed = e2e_.count();
  out.rejected = rejected_;
  out.iterations = iterations_;
  out.duration = first_arrival_ >= 0 ? end - first_arrival_ : 0;
  const double d = out.duration > 0 ? out.duration : 1;
  out.input_tokens = input_tokens_;
  out.output_tokens = output_tokens_;
  out.requests_per_s = out.completed / d;
  out.output_tokens_per_s = output_tokens_ / d;
  out.total_tokens_per_s = (input_tokens_ + output_tokens_) / d;
  out.ttft = stats(ttft_, options_.latency_quantiles);
  out.tpot = stats(tpot_, options_.latency_quantiles);
  out.e2e = stats(e2e_, options_.latency_quantiles);
  out.goodput_requests_per_s = good_ / d;
  out.slo_attainment = out.requests > 0 ? double(good_) / out.requests : 0;
  out.mean_in_system = area_ / d;
  out.mean_batch_sequences = iterations_ ? batch_seqs_ / iterations_ : 0;
  out.mean_batch_tokens = iterations_ ? batch_tokens_ / iterations_ : 0;
  out.max_kv_blocks_used = max_blocks_;
  for (const Replica& r : replicas) {
    out.prefix_hit_tokens += r.prefix_hit_tokens;
    out.prefix_queried_tokens += r.prefix_query_tokens;
    if (r.cache) out.prefix_evicted_blocks += r.cache->evicted_blocks();
  }
  out.prefix_hit_rate = out.prefix_queried_tokens > 0 ? double(out.prefix_hit_tokens) / out.prefix_queried_tokens : 0;
  summarize_hardware(out, pools, replicas, d, flops_, hbm_bytes_, config_.deployment.weights);
  for (ServingSample& sample : samples_) sample.kv_used_fraction /= merged_groups_;
  out.samples = std::move(samples_);
  out.trace = std::move(trace_);
  out.outcomes = std::move(outcomes_);
}

}  // namespace stargate::serving_detail
