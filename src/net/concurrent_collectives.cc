// Concurrent collectives on the flow model: algorithm and protocol chosen per job by the analytical model (as
// NCCL's tuner does, blind to other traffic), bandwidth time from the max-min fair flow solution.
#include "stargate/net/concurrent_collectives.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "collective_flows.h"

namespace stargate::net {

std::vector<int> gpu_range(int first, int count, int stride) {
  std::vector<int> out(std::max(0, count));
  for (int i = 0; i < count; ++i) out[i] = first + i * stride;
  return out;
}

CommGroup comm_group_of(const Topology& topology, const std::vector<int>& gpus) {
  std::unordered_map<int, int> per_domain;
  int most = 1;
  for (int gpu : gpus) most = std::max(most, ++per_domain[topology.domain_of(gpu)]);
  return CommGroup{std::max(1, static_cast<int>(gpus.size())), most};
}

FlowSimulation simulate_collectives(const Topology& topology, const std::vector<CollectiveJob>& jobs) {
  FlowSimulation sim;
  sim.jobs.resize(jobs.size());
  for (size_t j = 0; j < jobs.size(); ++j) {
    const CollectiveJob& job = jobs[j];
    if (job.gpus.size() <= 1 || job.bytes <= 0) continue;
    for (int gpu : job.gpus) {  // a contract violation is a bug in the caller: fail loudly
      if (gpu < 0 || gpu >= topology.gpus()) throw std::out_of_range("simulate_collectives: no GPU " + std::to_string(gpu));
    }
    const CommGroup group = comm_group_of(topology, job.gpus);
    const CollectiveEstimate est = estimate_collective(topology, job.op, job.bytes, group, job.algorithm);
    JobTiming& timing = sim.jobs[j];
    timing.algorithm = est.algorithm;
    timing.protocol = est.protocol;
    timing.latency_seconds = est.latency_seconds;
    const bool reduction = job.op == Collective::all_reduce || job.op == Collective::reduce_scatter;
    const double scale = 1.0 / protocol_bandwidth_factor(est.protocol, reduction);
    add_collective_flows(topology, job, est.algorithm, scale, static_cast<int>(j), sim.flows);
  }
  std::vector<double> capacity(topology.links().size());
  for (size_t l = 0; l < capacity.size(); ++l) capacity[l] = topology.links()[l].bytes_per_s;
  sim.outcome = solve_max_min(capacity, sim.flows);
  for (int f = 0; f < sim.flows.size(); ++f) {
    JobTiming& timing = sim.jobs[sim.flows.owner[f]];
    timing.bandwidth_seconds = std::max(timing.bandwidth_seconds, sim.outcome.finish_seconds[f]);
  }
  for (JobTiming& timing : sim.jobs) timing.seconds = timing.latency_seconds + timing.bandwidth_seconds;
  return sim;
}

}  // namespace stargate::net
