// Serving simulator speed: simulated events/s on a 64-replica deployment at a steady load (the target:
// 1 million requests of a mixed workload in ≤ 10 s on one core). Requests are drawn lazily by the simulator, so
// memory stays flat however many are simulated (max_live counts the requests held at once).
#include <benchmark/benchmark.h>

#include "stargate/catalog/catalog.h"
#include "stargate/serving/simulator.h"
#include "stargate/workload/model_catalog.h"

namespace {

using namespace stargate;

Cluster h100_cluster(int gpus) {
  Cluster c;
  c.accelerator = *Catalog::builtin().find_accelerator("h100-sxm");
  c.node = *Catalog::builtin().find_node("dgx-h100");
  c.fabric = *Catalog::builtin().find_fabric("infiniband-ndr");
  c.gpus = gpus;
  return c;
}

ServingConfig steady_config(int64_t requests) {
  ServingConfig cfg;
  cfg.deployment.pool = {64, 1};
  cfg.deployment.weights = Dtype::fp8;
  cfg.deployment.kv_bytes_per_element = 1;
  cfg.workload.arrival = ArrivalKind::poisson;
  cfg.workload.rate = 64 * 20.0;  // ≈ 70% of a replica's capacity at these lengths
  cfg.workload.requests = requests;
  cfg.workload.input = {LengthDistribution::Kind::normal, 512, 128, 16, 2048};
  cfg.workload.output = {LengthDistribution::Kind::normal, 128, 32, 1, 512};
  return cfg;
}

// The mixed workload: bursty arrivals, a wide spread of prompt lengths (long prompts split by chunked
// prefill) and a shared system prompt served from the prefix cache (LRU block cache, prefix_cache.h).
ServingConfig mixed_config(int64_t requests) {
  ServingConfig cfg = steady_config(requests);
  cfg.workload.arrival = ArrivalKind::gamma;
  cfg.workload.burstiness = 2;
  cfg.workload.rate = 64 * 12.0;
  cfg.workload.input = {LengthDistribution::Kind::uniform, 2000, 0, 32, 4000};
  cfg.workload.output = {LengthDistribution::Kind::uniform, 150, 0, 1, 300};
  cfg.workload.shared_prefix = 512;
  cfg.scheduler.chunked_prefill = true;
  cfg.scheduler.max_batch_tokens = 2048;
  cfg.scheduler.prefix_caching = true;
  return cfg;
}

// The same with prefix identities as production traffic has them: 16 system prompts of 512 tokens with a Zipf
// popularity (90% of requests use one) and 3-turn conversations whose later turns repeat the earlier prompt and
// output, so most prompt tokens are cache hits and the cache evicts under pressure. The router is prefix-aware (a
// conversation's turns find the replica that holds it).
ServingConfig prefix_groups_config(int64_t requests) {
  ServingConfig cfg = mixed_config(requests);
  cfg.workload.shared_prefix = 0;
  cfg.workload.input = {LengthDistribution::Kind::uniform, 800, 0, 32, 1600};
  cfg.workload.prefix = PrefixGroups{.tokens = 512, .groups = 16, .zipf_exponent = 1, .share = 0.9};
  cfg.workload.conversation = Conversations{.turns = 3, .think_time = 30};
  cfg.deployment.router = RouterPolicy::prefix_aware;
  return cfg;
}

void run_bench(benchmark::State& state, const ServingConfig& cfg) {
  const ModelSpec& model = *ModelCatalog::builtin().find("llama3.1-8b");
  const Cluster c = h100_cluster(64);
  int64_t events = 0;
  ServingResult last;
  for (auto _ : state) {
    Result<ServingResult> r = simulate_serving(model, c, cfg);
    events += r.value().events;
    last = std::move(r).value();
  }
  state.counters["events_per_s"] = benchmark::Counter(double(events), benchmark::Counter::kIsRate);
  state.counters["iterations_sim"] = double(last.iterations);
  state.counters["max_live"] = double(last.max_live_requests);
  state.counters["p99_e2e_s"] = last.e2e.p99;
  state.counters["gpu_util"] = last.gpu_utilization;
  state.counters["prefix_hit_rate"] = last.prefix_hit_rate;
  state.counters["completed"] = double(last.completed);
}

void BM_ServeSteadyLoad64Replicas(benchmark::State& state) { run_bench(state, steady_config(state.range(0))); }
BENCHMARK(BM_ServeSteadyLoad64Replicas)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kSecond)->Iterations(1);

void BM_ServeMixedChunkedPrefix64Replicas(benchmark::State& state) { run_bench(state, mixed_config(state.range(0))); }
BENCHMARK(BM_ServeMixedChunkedPrefix64Replicas)->Arg(1'000'000)->Unit(benchmark::kSecond)->Iterations(1);

// The wall time of this run (Time column, one iteration) is the 1M-request figure: target ≤ 10 s.
void BM_ServeMixedPrefixGroupsConversations64Replicas(benchmark::State& state) {
  run_bench(state, prefix_groups_config(state.range(0)));
}
BENCHMARK(BM_ServeMixedPrefixGroupsConversations64Replicas)->Arg(1'000'000)->Unit(benchmark::kSecond)->Iterations(1);

// The 50M-user partner load (data/scenarios/serve-partner-50m-users.yaml: 11,574 requests/s of Llama 3.1 70B,
// FP8 on TP4 H100 replicas) on 1,400 replicas (enough for it), behind `routers` independent routers: the groups run
// in parallel (oneTBB, every core), so the Time column is wall time. requests_per_s is simulated requests per
// wall-clock second: a day of this load (10⁹ requests) takes 10⁹ / requests_per_s seconds. The third argument 0
// runs request by request (SimulationOptions::decode_cohort off): the same result, for the decode cohort's gain.
void BM_ServePartnerRouters(benchmark::State& state) {
  const ModelSpec& model = *ModelCatalog::builtin().find("llama3.1-70b");
  const Cluster c = h100_cluster(5600);
  ServingConfig cfg;
  cfg.deployment.pool = {1400, 4};
  cfg.deployment.routers = static_cast<int>(state.range(1));
  cfg.deployment.weights = Dtype::fp8;
  cfg.deployment.kv_bytes_per_element = 1;
  cfg.workload.arrival = ArrivalKind::poisson;
  cfg.workload.rate = 50e6 * 8 / 86400 * 2.5;
  cfg.workload.requests = state.range(0);
  cfg.workload.input = {LengthDistribution::Kind::normal, 1500, 500, 16, 8192};
  cfg.workload.output = {LengthDistribution::Kind::normal, 350, 120, 1, 2048};
  cfg.workload.seed = 11;
  SimulationOptions options;
  options.decode_cohort = state.range(2) != 0;
  int64_t requests = 0, events = 0;
  ServingResult last;
  for (auto _ : state) {
    Result<ServingResult> r = simulate_serving(model, c, cfg, options);
    requests += r.value().requests;
    events += r.value().events;
    last = std::move(r).value();
  }
  state.counters["requests_per_s"] = benchmark::Counter(double(requests), benchmark::Counter::kIsRate);
  state.counters["events_per_s"] = benchmark::Counter(double(events), benchmark::Counter::kIsRate);
  state.counters["max_live"] = double(last.max_live_requests);
  state.counters["p99_ttft_s"] = last.ttft.p99;
}
BENCHMARK(BM_ServePartnerRouters)
    ->ArgNames({"requests", "routers", "cohort"})
    ->Args({1'000'000, 1, 1})
    ->Args({1'000'000, 56, 0})
    ->Args({1'000'000, 56, 1})
    ->Args({10'000'000, 56, 1})
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
