// Serving workloads: arrival processes and token-length distributions, drawn lazily by RequestSource.
#include <algorithm>
#include <cmath>

#include "request_source.h"
#include "stargate/serving/simulator.h"

namespace stargate {

int ServingDeployment::total_gpus() const {
  auto gpus = [](const PoolConfig& p) { return p.replicas * p.tp * p.pp; };
  if (disaggregated()) return gpus(*prefill_pool) + gpus(*decode_pool);
  return gpus(pool);
}

namespace serving_detail {
namespace {

int draw_length(const LengthDistribution& d, std::mt19937_64& rng) {
  double x = d.mean;
  switch (d.kind) {
    case LengthDistribution::Kind::fixed: break;
    case LengthDistribution::Kind::uniform: x = std::uniform_real_distribution<double>(d.min, d.max)(rng); break;
    case LengthDistribution::Kind::normal: x = std::normal_distribution<double>(d.mean, d.stdev)(rng); break;
  }
  return static_cast<int>(std::lround(std::clamp(x, std::max(1.0, d.min), std::max(1.0, d.max))));
}

// Gamma inter-arrival times with mean 1/rate and coefficient of variation cv: shape 1/cv², scale cv²/rate.
std::gamma_distribution<double> gap_distribution(const ServingWorkload& w) {
  const double cv = w.arrival == ArrivalKind::gamma ? std::max(1e-3, w.burstiness) : 1.0;
  return std::gamma_distribution<double>(1 / (cv * cv), cv * cv / std::max(1e-12, w.rate));
}

std::vector<ServingRequest> sorted_by_arrival(std::vector<ServingRequest> requests) {
  std::stable_sort(requests.begin(), requests.end(),
                   [](const ServingRequest& a, const ServingRequest& b) { return a.arrival < b.arrival; });
  return requests;
}

std::vector<ServingRequest> trace_requests(const ServingWorkload& w) {
  std::vector<ServingRequest> out;
  out.reserve(w.trace.size());
  for (const TraceRow& row : w.trace) out.push_back({row.arrival, row.input_tokens, row.output_tokens});
  return out;
}

}  // namespace

RequestSource::RequestSource(const ServingWorkload& w) {
  if (w.arrival == ArrivalKind::trace) {
    list_ = sorted_by_arrival(trace_requests(w));
  } else {
    workload_ = &w;
    rng_.seed(w.seed);
    gap_ = gap_distribution(w);
  }
  draw();
}

RequestSource::RequestSource(std::vector<ServingRequest> requests) : list_(sorted_by_arrival(std::move(requests))) {
  draw();
}

ServingRequest RequestSource::pop() {
  const ServingRequest r = next_;
  draw();
  return r;
}

void RequestSource::draw() {
  if (workload_ == nullptr) {
    has_next_ = list_next_ < list_.size();
    if (has_next_) next_ = list_[list_next_++];
    return;
  }
  const ServingWorkload& w = *workload_;
  has_next_ = drawn_ < w.requests;
  if (!has_next_) return;
  // Draw order per request (gap, input, output) is part of the seed's contract: keep it.
  if (w.arrival != ArrivalKind::offline && drawn_ > 0) time_s_ += gap_(rng_);
  next_.arrival = time_s_;
  next_.input_tokens = draw_length(w.input, rng_) + w.shared_prefix;
  next_.output_tokens = draw_length(w.output, rng_);
  ++drawn_;
}

}  // namespace serving_detail

std::vector<ServingRequest> generate_requests(const ServingWorkload& w) {
  std::vector<ServingRequest> out;
  serving_detail::RequestSource source(w);
  if (w.arrival != ArrivalKind::trace) out.reserve(static_cast<size_t>(std::max<int64_t>(0, w.requests)));
  while (!source.empty()) out.push_back(source.pop());
  return out;
}

}  // namespace stargate
