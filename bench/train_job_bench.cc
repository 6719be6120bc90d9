// One `stargate train` estimate from an already-loaded scenario (jobs/train_job.h: cost models built, step
// estimated, run totals) and the same with its JSON rendered — the C++ side of bench/python_overhead.py, which
// times stargate.estimate_training() on the same scenario (the Python call must cost at most 2x the C++ call).
#include <benchmark/benchmark.h>

#include <string>

#include "stargate/core/embedded_files.h"
#include "stargate/jobs/train_job.h"
#include "stargate/report/training_report.h"

namespace stargate {
namespace {

const Scenario& llama405b_scenario() {
  // The built-in copy of data/scenarios/llama3-405b-16k-h100.yaml (the file bench/python_overhead.py loads).
  static const Scenario scenario =
      parse_scenario(*embedded_file("scenarios/llama3-405b-16k-h100.yaml"), "data/scenarios/llama3-405b-16k-h100.yaml")
          .value();
  return scenario;
}

void BM_TrainJob_Llama405B_16kH100(benchmark::State& state) {
  const Scenario& s = llama405b_scenario();
  for (auto _ : state) {
    Result<TrainJobResult> run = run_train_job(s);
    benchmark::DoNotOptimize(run.value().estimate.step_seconds);
  }
}
BENCHMARK(BM_TrainJob_Llama405B_16kH100)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_TrainJobJson_Llama405B_16kH100(benchmark::State& state) {
  const Scenario& s = llama405b_scenario();
  for (auto _ : state) {
    Result<TrainJobResult> run = run_train_job(s);
    std::string json = training_to_json(s, run.value().estimate, run.value().totals);
    benchmark::DoNotOptimize(json.data());
  }
}
BENCHMARK(BM_TrainJobJson_Llama405B_16kH100)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace
}  // namespace stargate
