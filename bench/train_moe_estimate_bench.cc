// Speed of one MoE training-plan evaluation: DeepSeek-V3 on 1,024 H100s with the Megatron-MoE-ModelZoo recipe
// (TP 2, PP 8, VPP 4, EP 64 over 8 nodes, fp8, DeepEP dispatch, A2A overlap). Target ≤ 10 µs median.
#include <benchmark/benchmark.h>

#include "stargate/catalog/catalog.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/sim/training_step.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

void BM_TrainingStep_DeepSeekV3_1024H100(benchmark::State& state) {
  const Catalog& catalog = Catalog::builtin();
  const Cluster cluster{*catalog.find_accelerator("h100-sxm"), *catalog.find_node("dgx-h100"),
                        *catalog.find_fabric("infiniband-ndr"), 1024};
  const ModelSpec& model = *ModelCatalog::builtin().find("deepseek-v3");
  TrainingJob job;
  job.seq_len = 4096;
  job.global_batch_sequences = 8192;
  job.plan = ParallelPlan{.tp = 2, .pp = 8, .dp = 64, .ep = 64, .vpp = 4, .precision = Dtype::fp8,
                          .ep_comm_overlap = true, .moe_dispatcher = MoeDispatcher::deepep};
  const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
  const auto net = make_cluster_collectives(cluster);
  for (auto _ : state) {
    TrainingEstimate e = estimate_training_step(model, cluster, job, kernels, *net);
    benchmark::DoNotOptimize(e.step_seconds);
  }
  state.counters["evaluations/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TrainingStep_DeepSeekV3_1024H100)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace
}  // namespace stargate
