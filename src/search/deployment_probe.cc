// Per-candidate work of the deployment search: memory pruning, unit configs, SLO probes (deployment_probe.h).
#include "search/deployment_probe.h"

#include <algorithm>
#include <cmath>

#include "stargate/search/bisection.h"
#include "stargate/serving/simulator.h"
#include "stargate/serving/step_time.h"

namespace stargate {

namespace deployment_probe {
namespace {

LengthDistribution from_samples(const std::vector<TraceRow>& rows, bool input) {
  LengthDistribution d;
  d.kind = LengthDistribution::Kind::normal;
  double sum = 0, sq = 0;
  d.min = 1e18;
  d.max = 0;
  for (const TraceRow& r : rows) {
    const double x = input ? r.input_tokens : r.output_tokens;
    sum += x, sq += x * x, d.min = std::min(d.min, x), d.max = std::max(d.max, x);
  }
  const double n = std::max<double>(1, rows.size());
  d.mean = sum / n;
  d.stdev = std::sqrt(std::max(0.0, sq / n - d.mean * d.mean));
  d.min = std::max(1.0, std::min(d.min, d.mean));
  d.max = std::max(d.max, d.mean);
  return d;
}

// Share of the last quarter of the requests (by arrival) that meet every SLO. A short probe of a replica that is
// slightly overloaded still looks fine overall (the queue has not grown yet); its later requests do not.
double late_attainment(const ServingResult& r, const ServingSlo& slo) {
  const size_t n = r.outcomes.size(), first = n - n / 4;
  size_t good = 0;
  for (size_t i = first; i < n; ++i) {
    const RequestOutcome& o = r.outcomes[i];
    if (o.completions < 1) continue;
    const double ttft = o.first_token - o.arrival, e2e = o.finish - o.arrival;
    const double tpot = o.output_tokens > 1 ? (o.finish - o.first_token) / (o.output_tokens - 1) : 0;
    good += (slo.ttft <= 0 || ttft <= slo.ttft) && (slo.tpot <= 0 || tpot <= slo.tpot) && (slo.e2e <= 0 || e2e <= slo.e2e);
  }
  return n > first ? static_cast<double>(good) / (n - first) : 0;
}

}  // namespace

ServingConfig unit_config(const ServingConfig& base, const DeploymentCandidate& c, int units, double rate,
                          int64_t requests, const std::optional<PoolHardware>& decode_hardware) {
  ServingConfig cfg = base;
  cfg.scheduler.max_batch_sequences = c.max_batch_sequences;
  cfg.scheduler.max_batch_tokens = c.max_batch_tokens;
  ServingDeployment& d = cfg.deployment;
  d.routers = 1;  // the candidate's replica counts are the search's own: one router in front of them
  if (c.disaggregated()) {
    d.prefill_pool = PoolConfig{.replicas = c.prefill_replicas * units, .tp = c.tp, .attention_dp = c.attention_dp, .ep = c.ep};
    d.decode_pool = PoolConfig{.replicas = c.decode_replicas * units, .tp = c.tp, .attention_dp = c.attention_dp, .ep = c.ep,
                               .hardware = decode_hardware};
  } else {
    d.prefill_pool.reset();
    d.decode_pool.reset();
    d.pool = PoolConfig{.replicas = units, .tp = c.tp, .pp = c.pp, .attention_dp = c.attention_dp, .ep = c.ep};
  }
  ServingWorkload& w = cfg.workload;
  if (w.arrival == ArrivalKind::trace && !w.trace.empty()) {
    w.input = from_samples(w.trace, true);
    w.output = from_samples(w.trace, false);
  }
  w.trace.clear();
  if (w.arrival != ArrivalKind::gamma) w.arrival = ArrivalKind::poisson;
  w.rate = rate;
  w.requests = requests;
  cfg.sample_interval = 0;
  return cfg;
}

DeploymentReject memory_check(const ModelSpec& model, const Cluster& cluster, const ServingConfig& base,
                              const DeploymentCandidate& c, const Cluster* decode_cluster) {
  if (decode_cluster) {
    const DeploymentReject prefill = memory_check(model, cluster, base, c);
    return prefill != DeploymentReject::none ? prefill : memory_check(model, *decode_cluster, base, c);
  }
  const ServingDeployment& d = base.deployment;
  const double hbm = base.scheduler.usable_hbm_bytes(cluster.accelerator);
  StepTimeModel st(model, cluster,
                   StepTimeOptions{.tp = c.tp, .pp = c.pp, .attention_dp = c.attention_dp, .ep = c.ep, .moe = d.moe,
                                   .weights = d.weights,
                                   .kv_bytes_per_element = d.kv_bytes_per_element, .cuda_graphs = d.cuda_graphs,
                                   .engine = d.engine});
  if (st.weight_bytes_per_gpu() >= hbm) return DeploymentReject::weights_exceed_hbm;
  const double usable = hbm - st.weight_bytes_per_gpu() - st.activation_bytes_per_gpu(c.max_batch_tokens);
  if (usable < st.kv_bytes_per_token_per_gpu() * base.scheduler.block_tokens) return DeploymentReject::no_kv_space;
  return DeploymentReject::none;
}

UnitProbe::UnitProbe(const ModelSpec& model, const Cluster& cluster, const ServingConfig& base,
                     const DeploymentCandidate& candidate, double demand, int probe_requests,
                     std::optional<PoolHardware> decode_hardware)
    : model_(model), cluster_(cluster), base_(base), candidate_(candidate),
      decode_hardware_(std::move(decode_hardware)), demand_(demand), probe_(probe_requests) {}

bool UnitProbe::meets_rate(double rate) {
  for (const auto& [r, ok] : memo_) {
    if (r == rate) return ok;
  }
  const bool ok = simulate(rate, probe_);
  memo_.push_back({rate, ok});
  return ok;
}

bool UnitProbe::simulate(double rate, int requests) {
  // Every entry replica of the unit sees about `requests` requests.
  const int entries = (candidate_.disaggregated() ? candidate_.prefill_replicas : candidate_.pp) * candidate_.attention_dp;
  ServingConfig cfg = unit_config(base_, candidate_, 1, rate, int64_t{requests} * entries, decode_hardware_);
  SimulationOptions keep;
  keep.keep_requests = true;
  Result<ServingResult> r = simulate_serving(model_, cluster_, cfg, keep);
  ++simulations_;
  last_run_ = r.ok() ? UnitRunFigures{.p99_ttft = r.value().ttft.p99, .p99_tpot = r.value().tpot.p99,
                                      .mean_tpot = r.value().tpot.mean, .slo_attainment = r.value().slo_attainment}
                     : UnitRunFigures{};
  const bool ok = r.ok() && r.value().completed > 0 && r.value().slo_attainment >= cfg.slo.attainment &&
                  late_attainment(r.value(), cfg.slo) >= cfg.slo.attainment;
  return ok;
}

int UnitProbe::fewest_units(int max_units, bool bounded) {
  if (max_units < 1) return 0;
  if (bounded && !meets_units(max_units)) return 0;
  // Bounded: meets_units(max_units) is memoized, so the helper's check of it costs no simulation.
  return fewest_meeting(max_units, [&](int units) { return meets_units(units); });
}

int UnitProbe::confirmed_units(int units, int max_units, int requests) {
  for (; units > 0 && units <= max_units; ++units) {
    if (simulate(demand_ / units, requests)) return units;
    memo_.push_back({demand_ / units, false});  // the longer run overrules the probe
  }
  return 0;
}

double UnitProbe::max_rate(int units, int requests) {
  const double lo = demand_ / units, hi = units > 1 ? demand_ / (units - 1) : 0;
  const GrowThenBisect steps{.max_doublings = units <= 1 ? 20 : 0, .bisections = 5};
  return highest_meeting(lo, hi, [&](double rate) { return simulate(rate, requests); }, steps);
}

}  // namespace deployment_probe
}  // namespace stargate
