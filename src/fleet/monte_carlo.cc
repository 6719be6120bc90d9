#include "stargate/fleet/monte_carlo.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "stargate/core/draw_random.h"
#include "stargate/core/sample_statistics.h"
#include "stargate/fleet/fleet_sim.h"

namespace stargate {
namespace {

constexpr double kSecondsPerQuarter = 365.0 * 86400.0 / 4.0;  // as delivery.cc
constexpr int64_t kProgressBlock = 1024;                       // draws between progress calls

int quarters_of(const UncertainFleetScenario& s) { return s.point.quarters; }

// Draws [first, last) into their records (`records` points at draw `first`'s record).
void compute_draws(const UncertainFleetScenario& u, const std::vector<ServingRate>& rates, uint64_t seed,
                   int64_t first, int64_t last, double* records) {
  const size_t record = draw_record_size(u);
  FleetScenario scenario = u.point;  // every draw sets every uncertain field, so one copy serves the block
  for (int64_t i = first; i < last; ++i) {
    double* out = records + static_cast<size_t>(i - first) * record;
    for (size_t k = 0; k < u.inputs.size(); ++k) {
      out[k] = u.inputs[k].draw(draw_uniform(seed, static_cast<uint64_t>(i), k));
      u.inputs[k].apply(scenario, out[k]);
    }
    const std::vector<double> metrics = draw_metrics(simulate_fleet(scenario), rates);
    std::copy(metrics.begin(), metrics.end(), out + u.inputs.size());
  }
}

}  // namespace

std::string_view mc_metric_name(McMetric metric) {
  switch (metric) {
    case McMetric::gpus: return "gpus_installed";
    case McMetric::it_gw: return "it_power_gw";
    case McMetric::bf16_flops: return "bf16_flops";
    case McMetric::spent_usd: return "spent_usd";
    case McMetric::usd_per_million_tokens: return "usd_per_million_tokens";
  }
  return "?";
}

size_t draw_record_size(const UncertainFleetScenario& s) {
  return s.inputs.size() + static_cast<size_t>(kMcMetrics) * static_cast<size_t>(quarters_of(s));
}

std::vector<double> draw_metrics(const FleetResult& result, const std::vector<ServingRate>& rates) {
  const size_t n = result.quarters.size();
  std::vector<double> m(kMcMetrics * n, 0.0);
  for (size_t q = 0; q < n; ++q) {
    const FleetQuarter& fq = result.quarters[q];
    double tokens_per_s = 0;
    for (size_t g = 0; g < fq.gpus_by_generation.size() && g < rates.size(); ++g) {
      tokens_per_s += fq.gpus_by_generation[g] * rates[g].tokens_per_s_per_gpu;
    }
    m[static_cast<int>(McMetric::gpus) * n + q] = fq.gpus_installed;
    m[static_cast<int>(McMetric::it_gw) * n + q] = fq.installed_it_watts / 1e9;
    m[static_cast<int>(McMetric::bf16_flops) * n + q] = fq.peak_flops[0];
    m[static_cast<int>(McMetric::spent_usd) * n + q] = fq.spent;
    if (tokens_per_s > 0) {  // the same arithmetic as fleet_delivery's usd_per_million_tokens
      const double usd = fq.usd_per_gpu_hour * fq.gpus_installed * kSecondsPerQuarter / 3600.0;
      m[static_cast<int>(McMetric::usd_per_million_tokens) * n + q] = usd / (tokens_per_s * kSecondsPerQuarter) * 1e6;
    }
  }
  return m;
}

std::vector<double> run_draws(const UncertainFleetScenario& u, uint64_t seed, int64_t begin, int64_t end,
                              const std::function<void(int64_t)>& progress) {
  std::vector<ServingRate> rates;
  for (const Generation& g : u.point.generations) rates.push_back(serving_rate(g, u.point.serving));
  const size_t record = draw_record_size(u);
  std::vector<double> records(static_cast<size_t>(std::max<int64_t>(0, end - begin)) * record);
  for (int64_t block = begin; block < end; block += kProgressBlock) {
    const int64_t stop = std::min(end, block + kProgressBlock);
    tbb::parallel_for(tbb::blocked_range<int64_t>(block, stop, 8), [&](const tbb::blocked_range<int64_t>& r) {
      compute_draws(u, rates, seed, r.begin(), r.end(), records.data() + static_cast<size_t>(r.begin() - begin) * record);
    });
    if (progress) progress(stop - begin);
  }
  return records;
}

double SpreadDriver::strongest() const {
  double best = 0;
  for (double rho : rank_correlation) best = std::max(best, std::fabs(rho));
  return best;
}

MonteCarloSummary summarize_draws(const UncertainFleetScenario& u, uint64_t seed, const std::vector<double>& records) {
  const size_t record = draw_record_size(u), n_inputs = u.inputs.size();
  const size_t quarters = static_cast<size_t>(quarters_of(u));
  const size_t draws = record > 0 ? records.size() / record : 0;
  auto column = [&](size_t offset) {
    std::vector<double> values(draws);
    for (size_t i = 0; i < draws; ++i) values[i] = records[i * record + offset];
    return values;
  };
  MonteCarloSummary s{.seed = seed, .draws = static_cast<int64_t>(draws), .quarters = {}, .by_quarter = {}, .drivers = {}};
  for (size_t q = 0; q < quarters; ++q) s.quarters.push_back(u.point.start + static_cast<int>(q));
  std::array<std::vector<double>, kMcMetrics> final_quarter;
  for (int m = 0; m < kMcMetrics; ++m) {
    for (size_t q = 0; q < quarters; ++q) {
      const std::vector<double> values = column(n_inputs + m * quarters + q);
      s.by_quarter[m].push_back(
          {sample_percentile(values, 10), sample_percentile(values, 50), sample_percentile(values, 90)});
      if (q + 1 == quarters) final_quarter[m] = values;
    }
  }
  for (size_t k = 0; k < n_inputs; ++k) {
    SpreadDriver d{.fields = u.inputs[k].fields, .description = u.inputs[k].description, .rank_correlation = {}};
    const std::vector<double> input = column(k);
    for (int m = 0; m < kMcMetrics; ++m) d.rank_correlation[m] = spearman_rank_correlation(input, final_quarter[m]);
    s.drivers.push_back(std::move(d));
  }
  std::stable_sort(s.drivers.begin(), s.drivers.end(),
                   [](const SpreadDriver& a, const SpreadDriver& b) { return a.strongest() > b.strongest(); });
  return s;
}

MonteCarloSummary run_monte_carlo(const UncertainFleetScenario& scenario, uint64_t seed, int64_t draws) {
  return summarize_draws(scenario, seed, run_draws(scenario, seed, 0, draws));
}

}  // namespace stargate
