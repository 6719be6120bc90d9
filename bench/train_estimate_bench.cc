// Speed of one training-plan evaluation (target ≤ 10 µs median; reports evaluations/s):
// - Llama 3.1 405B on 16,384 H100s with Meta's published plan (TP 8, PP 16, DP 128);
// - DeepSeek-V3 on 1,024 H100s with the Megatron-MoE-ModelZoo recipe (TP 2, PP 8, VPP 4, EP 64 over 8 nodes, fp8,
//   DeepEP dispatch, A2A overlap).
#include <benchmark/benchmark.h>

#include "stargate/catalog/catalog.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/sim/training_step.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

// Times estimate_training_step for `model_id` on `gpus` H100s (DGX H100, NDR InfiniBand).
void time_training_step(benchmark::State& state, const char* model_id, int gpus, const TrainingJob& job) {
  const Catalog& catalog = Catalog::builtin();
  const Cluster cluster{*catalog.find_accelerator("h100-sxm"), *catalog.find_node("dgx-h100"),
                        *catalog.find_fabric("infiniband-ndr"), gpus};
  const ModelSpec& model = *ModelCatalog::builtin().find(model_id);
  const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
  const auto net = make_cluster_collectives(cluster);
  for (auto _ : state) {
    TrainingEstimate e = estimate_training_step(model, cluster, job, kernels, *net);
    benchmark::DoNotOptimize(e.step_seconds);
  }
  state.counters["evaluations/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_TrainingStep_Llama405B_16kH100(benchmark::State& state) {
  TrainingJob job;
  job.seq_len = 8192;
  job.global_batch_sequences = 2048;
  job.plan.tp = 8;
  job.plan.pp = 16;
  job.plan.dp = 128;
  job.plan.recompute = Recompute::selective;
  time_training_step(state, "llama3.1-405b", 16384, job);
}
BENCHMARK(BM_TrainingStep_Llama405B_16kH100)->Repetitions(5)->ReportAggregatesOnly(true);

void BM_TrainingStep_DeepSeekV3_1024H100(benchmark::State& state) {
  TrainingJob job;
  job.seq_len = 4096;
  job.global_batch_sequences = 8192;
  job.plan = ParallelPlan{.tp = 2, .pp = 8, .dp = 64, .ep = 64, .vpp = 4, .precision = Dtype::fp8,
                          .ep_comm_overlap = true, .moe_dispatcher = MoeDispatcher::deepep};
  time_training_step(state, "deepseek-v3", 1024, job);
}
BENCHMARK(BM_TrainingStep_DeepSeekV3_1024H100)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace
}  // namespace stargate
