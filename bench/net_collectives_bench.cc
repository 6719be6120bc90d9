// Speed of the network models (issue 4): a 1 GiB all-reduce on 4,096 GPUs analytically (target ≤ 1 us) and with
// the flow model (≤ 50 ms), and on 16,384 GPUs with the flow model (≤ 1 s). DGX H100 nodes (8 GPUs), NDR
// InfiniBand, rail-optimized fat tree.
#include <benchmark/benchmark.h>

#include <string>

#include "stargate/catalog/catalog.h"
#include "stargate/net/concurrent_collectives.h"
#include "stargate/net/topology_collectives.h"

namespace {

using namespace stargate;

Cluster h100_cluster(int gpus) {
  const Catalog& c = Catalog::builtin();
  return Cluster{*c.find_accelerator("h100-sxm"), *c.find_node("dgx-h100"), *c.find_fabric("infiniband-ndr"), gpus};
}

constexpr double kGiB = 1024.0 * 1024 * 1024;

void BM_AnalyticalAllReduce1GiB_4096(benchmark::State& state) {
  auto model = net::make_topology_collectives(h100_cluster(4096));
  const CommGroup group{4096, 8};
  double bytes = kGiB;
  for (auto _ : state) {
    benchmark::DoNotOptimize(bytes);
    benchmark::DoNotOptimize(model->seconds(Collective::all_reduce, bytes, group));
  }
}
BENCHMARK(BM_AnalyticalAllReduce1GiB_4096);

// range(0): GPUs; range(1): 0 = NCCL's automatic choice (NVLS + SHARP here), 1 = ring (the most flows).
void flow_all_reduce(benchmark::State& state) {
  const int gpus = static_cast<int>(state.range(0));
  const net::Algorithm algorithm = state.range(1) == 0 ? net::Algorithm::automatic : net::Algorithm::ring;
  const net::Topology topology = net::build_topology(h100_cluster(gpus), net::TopologyOptions{});
  const std::vector<net::CollectiveJob> jobs{{Collective::all_reduce, kGiB, net::gpu_range(0, gpus), algorithm}};
  for (auto _ : state) {
    net::FlowSimulation sim = net::simulate_collectives(topology, jobs);
    benchmark::DoNotOptimize(sim.jobs[0].seconds);
  }
  const net::FlowSimulation sim = net::simulate_collectives(topology, jobs);
  state.counters["flows"] = sim.flows.size();
  state.counters["simulated_ms"] = sim.jobs[0].seconds * 1e3;
  state.SetLabel(std::string(net::algorithm_name(sim.jobs[0].algorithm)));
}
BENCHMARK(flow_all_reduce)
    ->Name("BM_FlowAllReduce1GiB")
    ->ArgsProduct({{4096, 16384}, {0, 1}})
    ->Unit(benchmark::kMillisecond);

void BM_BuildTopology(benchmark::State& state) {
  const Cluster cluster = h100_cluster(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(net::build_topology(cluster, net::TopologyOptions{}).links().size());
}
BENCHMARK(BM_BuildTopology)->Arg(16384)->Unit(benchmark::kMillisecond);

}  // namespace
