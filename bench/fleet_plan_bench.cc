// Speed of `stargate plan`: the default Stargate scenario parsed, simulated and evaluated (training plan
// chooser + serving capacity), and the quarterly simulation alone. Target: well under 1 s per plan.
#include <benchmark/benchmark.h>

#include "stargate/fleet/fleet_plan.h"

namespace {

void BM_FleetPlan_DefaultScenario(benchmark::State& state) {
  for (auto _ : state) {
    auto s = stargate::default_fleet_scenario();
    benchmark::DoNotOptimize(stargate::make_fleet_plan(s.value()));
  }
}
BENCHMARK(BM_FleetPlan_DefaultScenario)->Unit(benchmark::kMillisecond);

void BM_FleetSimulation_Only(benchmark::State& state) {
  const auto s = stargate::default_fleet_scenario();
  for (auto _ : state) benchmark::DoNotOptimize(stargate::simulate_fleet(s.value()));
  state.counters["quarters/s"] = benchmark::Counter(static_cast<double>(state.iterations()) * s.value().quarters,
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FleetSimulation_Only)->Unit(benchmark::kMicrosecond);

}  // namespace
