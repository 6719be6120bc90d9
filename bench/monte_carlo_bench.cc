// Speed of `stargate plan --monte-carlo N` (issue 17: 10,000 draws of the default scenario's uncertainty in ≤ 10 s on
// 2 cores): the whole run on all threads (wall time), and one draw on one thread (CPU time per draw).
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include "stargate/core/embedded_files.h"
#include "stargate/fleet/monte_carlo.h"

namespace {

const stargate::UncertainFleetScenario& uncertain_default() {
  static const stargate::UncertainFleetScenario scenario = [] {
    const auto text = stargate::embedded_file("scenarios/stargate-uncertain.yaml");
    return stargate::parse_uncertain_fleet_scenario(text.value_or(""), "stargate-uncertain.yaml").value();
  }();
  return scenario;
}

void BM_MonteCarlo_10000Draws(benchmark::State& state) {
  const auto& u = uncertain_default();
  for (auto _ : state) benchmark::DoNotOptimize(stargate::run_monte_carlo(u, 1, 10'000));
  state.counters["draws/s"] = benchmark::Counter(10'000.0 * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MonteCarlo_10000Draws)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

void BM_MonteCarlo_DrawsOnOneThread(benchmark::State& state) {
  const auto& u = uncertain_default();
  tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
  int64_t first = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(stargate::run_draws(u, 1, first, first + 100));
    first += 100;
  }
  state.SetItemsProcessed(state.iterations() * 100);  // CPU time per draw = 1 / items_per_second
}
BENCHMARK(BM_MonteCarlo_DrawsOnOneThread)->Unit(benchmark::kMicrosecond);

}  // namespace
