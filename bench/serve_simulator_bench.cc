// Serving simulator speed: simulated events/s on a 64-replica deployment at a steady load (the target:
// 1 million requests in ≤ 10 s on one core).
#include <benchmark/benchmark.h>

#include "stargate/catalog/catalog.h"
#include "stargate/serving/simulator.h"
#include "stargate/workload/model_catalog.h"

namespace {

using namespace stargate;

void BM_ServeSteadyLoad64Replicas(benchmark::State& state) {
  Cluster c;
  c.accelerator = *Catalog::builtin().find_accelerator("h100-sxm");
  c.node = *Catalog::builtin().find_node("dgx-h100");
  c.fabric = *Catalog::builtin().find_fabric("infiniband-ndr");
  c.gpus = 64;
  ServingConfig cfg;
  cfg.deployment.pool = {64, 1};
  cfg.deployment.weights = Dtype::fp8;
  cfg.deployment.kv_bytes_per_element = 1;
  cfg.workload.arrival = ArrivalKind::poisson;
  cfg.workload.rate = 64 * 20.0;  // ≈ 70% of a replica's capacity at these lengths
  cfg.workload.requests = state.range(0);
  cfg.workload.input = {LengthDistribution::Kind::normal, 512, 128, 16, 2048};
  cfg.workload.output = {LengthDistribution::Kind::normal, 128, 32, 1, 512};
  const ModelSpec& model = *ModelCatalog::builtin().find("llama3.1-8b");
  const std::vector<ServingRequest> requests = generate_requests(cfg.workload);
  int64_t events = 0;
  ServingResult last;
  for (auto _ : state) {
    Result<ServingResult> r = simulate_serving(model, c, cfg, requests);
    events += r.value().events;
    last = std::move(r).value();
  }
  state.counters["events_per_s"] = benchmark::Counter(double(events), benchmark::Counter::kIsRate);
  state.counters["iterations_sim"] = double(last.iterations);
  state.counters["p99_e2e_s"] = last.e2e.p99;
  state.counters["gpu_util"] = last.gpu_utilization;
}
BENCHMARK(BM_ServeSteadyLoad64Replicas)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
