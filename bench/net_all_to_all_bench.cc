// Speed of the all-to-all on a whole fabric (issue 17 item 5): a 1 GiB all-to-all over every GPU of a 16,384-,
// 65,536- and 131,072-GPU cluster by flow classes (target ≤ 1 s and ≤ 1 GB at 131,072), against the per-flow model
// at 4,096 GPUs. DGX H100 nodes (8-GPU domains) on NDR InfiniBand, rail-optimized, 3 tiers, 2 planes; and GB200
// NVL72 racks at 131,328 GPUs (1,824 racks: whole leaves of 32 racks). Peak memory: run the matching
// `stargate net --flow --op all_to_all` line of the README under /usr/bin/time -v.
#include <benchmark/benchmark.h>

#include <string>

#include "stargate/catalog/catalog.h"
#include "stargate/net/concurrent_collectives.h"

namespace {

using namespace stargate;

constexpr double kGiB = 1024.0 * 1024 * 1024;

Cluster preset_cluster(const std::string& node, int gpus) {
  const Catalog& c = Catalog::builtin();
  const NodeSpec& spec = *c.find_node(node);
  return Cluster{*c.find_accelerator(spec.accelerator), spec, *c.find_fabric("infiniband-ndr"), gpus};
}

// range(0): GPUs; range(1): 0 = DGX H100, 1 = GB200 NVL72; range(2): 1 = per flow (the reference).
void all_to_all(benchmark::State& state) {
  const int gpus = static_cast<int>(state.range(0));
  const std::string node = state.range(1) == 0 ? "dgx-h100" : "gb200-nvl72";
  const net::FlowAggregation mode = state.range(2) == 1 ? net::FlowAggregation::per_flow : net::FlowAggregation::automatic;
  const std::vector<net::CollectiveJob> jobs{{Collective::all_to_all, kGiB, net::gpu_range(0, gpus)}};
  net::FlowSimulation sim;
  for (auto _ : state) {  // the topology is built inside: it is part of what `stargate net --flow` pays
    const net::Topology topology = net::build_topology(preset_cluster(node, gpus), net::TopologyOptions{.planes = 2});
    sim = net::simulate_collectives(topology, jobs, mode);
    benchmark::DoNotOptimize(sim.jobs[0].seconds);
  }
  state.counters["flows"] = sim.flows_represented;
  state.counters["classes"] = sim.flow_classes;
  state.counters["simulated_ms"] = sim.jobs[0].seconds * 1e3;
  state.SetLabel(node + (sim.aggregated ? " classes" : " per flow: " + sim.aggregation_note));
}
BENCHMARK(all_to_all)
    ->Name("BM_FlowAllToAll1GiB")
    ->Args({4096, 0, 1})
    ->Args({4096, 0, 0})
    ->Args({16384, 0, 0})
    ->Args({65536, 0, 0})
    ->Args({131072, 0, 0})
    ->Args({131328, 1, 0})
    ->Unit(benchmark::kMillisecond);

}  // namespace
