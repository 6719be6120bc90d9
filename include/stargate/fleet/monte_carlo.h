#pragma once
// Monte Carlo over an uncertain fleet scenario (`stargate plan --monte-carlo N [--seed S]`, docs/fleet.md
// "Uncertainty"). Draw i sets every uncertain input k to its quantile at draw_uniform(seed, i, k)
// (core/draw_random.h), simulates the build-out quarter by quarter, and keeps per quarter the installed GPUs, IT GW,
// bf16 FLOP/s, cumulative spend and $/M tokens. A draw is a pure function of (scenario, seed, i): any split of the
// draws over threads or MPI ranks gives the same numbers, and the summary is reduced in draw order.
// Serving capacity per GPU does not depend on any uncertain input (accelerator, node and workload are fixed), so
// it is computed once; training days are not drawn (a plan search per draw).
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "stargate/fleet/delivery.h"
#include "stargate/fleet/uncertain_scenario.h"

namespace stargate {

enum class McMetric { gpus, it_gw, bf16_flops, spent_usd, usd_per_million_tokens };
inline constexpr int kMcMetrics = 5;
std::string_view mc_metric_name(McMetric metric);  // "gpus_installed", "it_power_gw", ...

// One draw: the input values (SI, in input order) and the metrics, metric-major: value(m, q) = metrics[m*Q + q].
struct DrawOutcome {
  std::vector<double> inputs;
  std::vector<double> metrics;
};

// The doubles of one draw as stored and sent between MPI ranks: inputs, then metrics.
size_t draw_record_size(const UncertainFleetScenario& scenario);

// Computes draws [begin, end) in parallel (oneTBB) and returns their records concatenated in draw order.
// `progress(done)` is called from the calling thread between blocks of draws.
std::vector<double> run_draws(const UncertainFleetScenario& scenario, uint64_t seed, int64_t begin, int64_t end,
                              const std::function<void(int64_t done)>& progress = {});

// One draw's per-quarter metrics from a simulated fleet (the quantities fleet_delivery reports).
std::vector<double> draw_metrics(const FleetResult& result, const std::vector<ServingRate>& serving_by_generation);

struct Percentiles {
  double p10 = 0, p50 = 0, p90 = 0;
};

struct SpreadDriver {
  std::vector<std::string> fields;  // the input's fields (more than one when shared through a YAML alias)
  std::string description;          // its distribution as written
  std::array<double, kMcMetrics> rank_correlation{};  // Spearman's rho with each final-quarter metric
  double strongest() const;         // the largest |rho|
};

struct MonteCarloSummary {
  uint64_t seed = 0;
  int64_t draws = 0;
  std::vector<Quarter> quarters;
  std::array<std::vector<Percentiles>, kMcMetrics> by_quarter;  // metric -> one per quarter
  std::vector<SpreadDriver> drivers;  // strongest first (ties in input order)
};

// Percentiles per quarter and the rank correlations, from the records of all draws in draw order.
MonteCarloSummary summarize_draws(const UncertainFleetScenario& scenario, uint64_t seed,
                                  const std::vector<double>& records);

// run_draws over all N draws in this process, then summarize_draws.
MonteCarloSummary run_monte_carlo(const UncertainFleetScenario& scenario, uint64_t seed, int64_t draws);

}  // namespace stargate
