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

// Halves the time series (every other sample, twice the interval) when it reaches its cap, so memory stays
// bounded however long the simulated span or short the interval. Samples sit at first + k·interval and their count
// is even here: keeping even k leaves the grid first + j·2·interval (and the next sample already on it).
void decimate_samples(Measurements& m) {
  size_t kept = 0;
  for (size_t i = 0; i < m.samples.size(); i += 2) m.samples[kept++] = m.samples[i];
  m.samples.resize(kept);
  m.sample_interval_s *= 2;
}

// Halves the series until its interval is `interval` (a power-of-two multiple of the current one).
void coarsen_samples(Measurements& m, double interval) {
  while (m.sample_interval_s < interval * (1 - 1e-9) && !m.samples.empty()) decimate_samples(m);
  m.sample_interval_s = std::max(m.sample_interval_s, interval);
}
}  // namespace

MetricsCollector::MetricsCollector(const ServingConfig& config, const SimulationOptions& options)
    : config_(config), options_(options) {
  m_.sample_interval_s = config.sample_interval;
  m_.samples.reserve(4096);
}

void MetricsCollector::arrived(const Req& r) {
  if (options_.keep_requests) m_.outcomes.push_back(outcome_of(r));
}

void MetricsCollector::retired(const Req& r) {
  if (options_.keep_requests) m_.outcomes[static_cast<size_t>(r.seq)] = outcome_of(r);
}

void MetricsCollector::advance(double t, int64_t in_system, const std::vector<Replica>& replicas) {
  if (m_.first_arrival_s < 0) {
    m_.first_arrival_s = last_t_ = t;
    next_sample_ = sample_from_zero_ ? 0 : t;
  }
  m_.in_system_request_s += in_system * (t - last_t_);
  last_t_ = t;
  while (m_.sample_interval_s > 0 && next_sample_ <= t) {
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
    m_.samples.push_back(s);
    next_sample_ += m_.sample_interval_s;
    if (static_cast<int64_t>(m_.samples.size()) >= serving_limits::max_time_series_samples) decimate_samples(m_);
  }
}

void MetricsCollector::merge(Measurements& group, int replica_offset, int64_t request_offset) {
  m_.ttft.merge(group.ttft);
  m_.tpot.merge(group.tpot);
  m_.e2e.merge(group.e2e);
  if (group.first_arrival_s >= 0) {
    m_.first_arrival_s =
        m_.first_arrival_s < 0 ? group.first_arrival_s : std::min(m_.first_arrival_s, group.first_arrival_s);
  }
  m_.in_system_request_s += group.in_system_request_s;
  m_.iterations += group.iterations;
  m_.rejected += group.rejected;
  m_.good += group.good;
  m_.max_blocks = std::max(m_.max_blocks, group.max_blocks);
  m_.batch_seqs += group.batch_seqs;
  m_.batch_tokens += group.batch_tokens;
  m_.output_tokens += group.output_tokens;
  m_.input_tokens += group.input_tokens;
  m_.flops += group.flops;
  m_.hbm_bytes += group.hbm_bytes;
  const double interval = std::max(m_.sample_interval_s, group.sample_interval_s);
  coarsen_samples(m_, interval);
  coarsen_samples(group, interval);
  // kv_used_fraction: every group has the same blocks (equal replicas), so the whole's is the mean over groups.
  const size_t n = std::max(m_.samples.size(), group.samples.size());
  m_.samples.resize(n);
  for (size_t k = 0; k < n; ++k) {
    m_.samples[k].time = double(k) * interval;
    if (k >= group.samples.size()) continue;
    m_.samples[k].running += group.samples[k].running;
    m_.samples[k].waiting += group.samples[k].waiting;
    m_.samples[k].kv_used_fraction += group.samples[k].kv_used_fraction;
  }
  ++merged_groups_;
  for (ServingTraceEvent e : group.trace) {
    if (m_.trace.size() >= options_.trace_limit) break;
    if (e.replica >= 0) e.replica += replica_offset;
    if (e.request >= 0) e.request += request_offset;
    m_.trace.push_back(e);
  }
  for (RequestOutcome o : group.outcomes) {
    if (o.replica >= 0) o.replica += replica_offset;  // in the merged numbering, as the trace's
    m_.outcomes.push_back(o);
  }
}

void MetricsCollector::iteration(const Replica& rep, const BatchShape& shape, double start, double duration,
                                 const IterationWork& engine_work) {
  ++m_.iterations;
  m_.flops += engine_work.flops_per_gpu;
  m_.hbm_bytes += engine_work.hbm_bytes_per_gpu;
  m_.batch_seqs += shape.prefill_tokens > 0 ? static_cast<double>(rep.batch_sequences()) : shape.decode_seqs;
  m_.batch_tokens += shape.tokens();
  m_.max_blocks = std::max(m_.max_blocks, rep.blocks_total - rep.blocks_free);
  if (options_.record_trace && m_.trace.size() < options_.trace_limit) {
    m_.trace.push_back({start, duration, rep.id, -1, shape.prefill_tokens, shape.decode_seqs});
  }
}

void MetricsCollector::finished(const Req& r, double now) {
  const double ttft = r.first_token - r.arrival, e2e = now - r.arrival;
  const double tpot = r.output > 1 ? (now - r.first_token) / (r.output - 1) : 0;
  m_.ttft.add(ttft);
  m_.e2e.add(e2e);
  if (r.output > 1) m_.tpot.add(tpot);
  m_.input_tokens += r.input;
  m_.output_tokens += r.output;
  const ServingSlo& slo = config_.slo;
  if ((slo.ttft <= 0 || ttft <= slo.ttft) && (slo.tpot <= 0 || tpot <= slo.tpot) && (slo.e2e <= 0 || e2e <= slo.e2e)) {
    ++m_.good;
  }
  if (options_.record_trace && m_.trace.size() < options_.trace_limit) {
    m_.trace.push_back({r.arrival, e2e, -1, r.seq, r.input, r.output});
  }
}

void MetricsCollector::rejected(const Req&, double) { ++m_.rejected; }

void MetricsCollector::summarize(ServingResult& out, const std::vector<PoolUse>& pools,
                                 const std::vector<ReplicaUse>& replicas, double end) {
  out.completed = m_.e2e.count();
  out.rejected = m_.rejected;
  out.iterations = m_.iterations;
  out.duration = m_.first_arrival_s >= 0 ? end - m_.first_arrival_s : 0;
  const double d = out.duration > 0 ? out.duration : 1;
  out.input_tokens = m_.input_tokens;
  out.output_tokens = m_.output_tokens;
  out.requests_per_s = out.completed / d;
  out.output_tokens_per_s = m_.output_tokens / d;
  out.total_tokens_per_s = (m_.input_tokens + m_.output_tokens) / d;
  out.ttft = stats(m_.ttft, options_.latency_quantiles);
  out.tpot = stats(m_.tpot, options_.latency_quantiles);
  out.e2e = stats(m_.e2e, options_.latency_quantiles);
  out.goodput_requests_per_s = m_.good / d;
  out.slo_attainment = out.requests > 0 ? double(m_.good) / out.requests : 0;
  out.mean_in_system = m_.in_system_request_s / d;
  out.mean_batch_sequences = m_.iterations ? m_.batch_seqs / m_.iterations : 0;
  out.mean_batch_tokens = m_.iterations ? m_.batch_tokens / m_.iterations : 0;
  out.max_kv_blocks_used = m_.max_blocks;
  for (const ReplicaUse& r : replicas) {
    out.prefix_hit_tokens += r.prefix_hit_tokens;
    out.prefix_queried_tokens += r.prefix_query_tokens;
    out.prefix_evicted_blocks += r.prefix_evicted_blocks;
  }
  out.prefix_hit_rate = out.prefix_queried_tokens > 0 ? double(out.prefix_hit_tokens) / out.prefix_queried_tokens : 0;
  summarize_hardware(out, pools, replicas, d, m_.flops, m_.hbm_bytes, config_.deployment.weights);
  for (ServingSample& sample : m_.samples) sample.kv_used_fraction /= merged_groups_;
  out.samples = std::move(m_.samples);
  out.trace = std::move(m_.trace);
  out.outcomes = std::move(m_.outcomes);
}

}  // namespace stargate::serving_detail
