// Serving workloads: arrival processes and token-length distributions.
#include <algorithm>
#include <cmath>
#include <random>

#include "stargate/serving/simulator.h"

namespace stargate {

int ServingDeployment::total_gpus() const {
  auto gpus = [](const PoolConfig& p) { return p.replicas * p.tp * p.pp; };
  if (disaggregated()) return gpus(*prefill_pool) + gpus(*decode_pool);
  return gpus(pool);
}

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

}  // namespace

std::vector<ServingRequest> generate_requests(const ServingWorkload& w) {
  std::vector<ServingRequest> out;
  if (w.arrival == ArrivalKind::trace) {
    out.reserve(w.trace.size());
    for (const TraceRow& row : w.trace) out.push_back({row.arrival, row.input_tokens, row.output_tokens});
    std::stable_sort(out.begin(), out.end(),
                     [](const ServingRequest& a, const ServingRequest& b) { return a.arrival < b.arrival; });
    return out;
  }
  std::mt19937_64 rng(w.seed);
  out.reserve(static_cast<size_t>(w.requests));
  // Gamma inter-arrival times with mean 1/rate and coefficient of variation cv: shape 1/cv², scale cv²/rate.
  const double cv = w.arrival == ArrivalKind::gamma ? std::max(1e-3, w.burstiness) : 1.0;
  std::gamma_distribution<double> gap(1 / (cv * cv), cv * cv / std::max(1e-12, w.rate));
  double t = 0;
  for (int64_t i = 0; i < w.requests; ++i) {
    if (w.arrival != ArrivalKind::offline && i > 0) t += gap(rng);
    ServingRequest r;
    r.arrival = t;
    r.input_tokens = draw_length(w.input, rng) + w.shared_prefix;
    r.output_tokens = draw_length(w.output, rng);
    out.push_back(r);
  }
  return out;
}

}  // namespace stargate
