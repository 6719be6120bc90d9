// Speed of one training-plan evaluation: Llama 3.1 405B on 16,384 H100s with Meta's published plan
// (TP 8, PP 16, DP 128). Target ≤ 10 µs median; reports evaluations/s.
#include <benchmark/benchmark.h>

#include "stargate/net/cluster_collectives.h"
#include "stargate/catalog/catalog.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/sim/training_step.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

void BM_TrainingStep_Llama405B_16kH100(benchmark::State& state) {
  const Catalog& catalog = Catalog::builtin();
  const Cluster cluster{*catalog.find_accelerator("h100-sxm"), *catalog.find_node("dgx-h100"),
                        *catalog.find_fabric("infiniband-ndr"), 16384};
  const ModelSpec& model = *ModelCatalog::builtin().find("llama3.1-405b");
  TrainingJob job;
  job.seq_len = 8192;
  job.global_batch_sequences = 2048;
  job.plan.tp = 8;
  job.plan.pp = 16;
  job.plan.dp = 128;
  job.plan.recompute = Recompute::selective;
  const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
  const auto net = make_cluster_collectives(cluster);
  for (auto _ : state) {
    TrainingEstimate e = estimate_training_step(model, cluster, job, kernels, *net);
    benchmark::DoNotOptimize(e.step_seconds);
  }
  state.counters["evaluations/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TrainingStep_Llama405B_16kH100)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace
}  // namespace stargate
