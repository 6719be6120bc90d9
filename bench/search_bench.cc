// Plan-search speed: evaluations per second per core for Llama 3.1 405B on 16,384 H100s (target ≥ 1,000,000), and
// the whole default space searched on all cores.
#include <benchmark/benchmark.h>

#include "stargate/catalog/catalog.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/search/training_search.h"
#include "stargate/search/training_space.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

struct Llama405B {
  const Catalog& catalog = Catalog::builtin();
  Cluster cluster{*catalog.find_accelerator("h100-sxm"), *catalog.find_node("dgx-h100"),
                  *catalog.find_fabric("infiniband-ndr"), 16384};
  const ModelSpec& model = *ModelCatalog::builtin().find("llama3.1-405b");
  std::vector<ParallelPlan> candidates =
      enumerate_plans(default_training_space(model, cluster, 8192), model, cluster.gpus, 2048, 8192);
};

// One core, warm cache: each iteration scores one candidate, cycling through the whole space.
// Scores the candidate space plan after plan on one core; `offload_search`: as the search scores, a plan that does
// not fit tries the host offloads (PlanEvaluator::set_offload_search).
void run_plan_evaluations(benchmark::State& state, bool offload_search) {
  Llama405B p;
  const KernelCostModel kernels = KernelCostModel::for_device(p.cluster.accelerator);
  const auto net = make_cluster_collectives(p.cluster);
  PlanEvaluator evaluator(p.model, p.cluster, 8192, 2048, kernels, *net, SearchObjective::step_time);
  evaluator.set_offload_search(offload_search);
  size_t i = 0, scored = 0;
  for (auto _ : state) {
    const PlanScore s = evaluator.score(p.candidates[i]);
    scored += s.verdict == PlanVerdict::scored;
    benchmark::DoNotOptimize(s.objective);
    if (++i == p.candidates.size()) i = 0;
  }
  state.counters["evaluations/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["scored_fraction"] = static_cast<double>(scored) / static_cast<double>(state.iterations());
  if (!offload_search) state.counters["space"] = static_cast<double>(p.candidates.size());
}

void BM_PlanEvaluations_Llama405B_16kH100_OneCore(benchmark::State& state) { run_plan_evaluations(state, false); }
BENCHMARK(BM_PlanEvaluations_Llama405B_16kH100_OneCore);

void BM_PlanEvaluations_WithOffloadSearch_Llama405B_16kH100_OneCore(benchmark::State& state) {
  run_plan_evaluations(state, true);
}
BENCHMARK(BM_PlanEvaluations_WithOffloadSearch_Llama405B_16kH100_OneCore);

// Only plans that fit and get timed (no memory pruning), one core.
void BM_TimedPlanEvaluations_Llama405B_16kH100_OneCore(benchmark::State& state) {
  Llama405B p;
  const KernelCostModel kernels = KernelCostModel::for_device(p.cluster.accelerator);
  const auto net = make_cluster_collectives(p.cluster);
  PlanEvaluator evaluator(p.model, p.cluster, 8192, 2048, kernels, *net, SearchObjective::step_time);
  std::vector<ParallelPlan> timed;
  for (const ParallelPlan& plan : p.candidates) {
    if (evaluator.score(plan).verdict == PlanVerdict::scored) timed.push_back(plan);
  }
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(evaluator.score(timed[i]).objective);
    if (++i == timed.size()) i = 0;
  }
  state.counters["evaluations/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TimedPlanEvaluations_Llama405B_16kH100_OneCore);

// The whole space, exhaustive, all cores (cold caches each time).
void BM_WholeSpaceSearch_Llama405B_16kH100(benchmark::State& state) {
  Llama405B p;
  for (auto _ : state) {
    ExhaustiveStrategy strategy(p.candidates.size());
    const SearchResult r = search_training_plans(SearchProblem{p.model, p.cluster, 8192, 2048, p.candidates}, strategy, {});
    benchmark::DoNotOptimize(r.best.data());
  }
  state.counters["plans"] = static_cast<double>(p.candidates.size());
}
BENCHMARK(BM_WholeSpaceSearch_Llama405B_16kH100)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace stargate
