// Concurrent collectives on the flow model: algorithm and protocol chosen per job by the analytical model (as
// NCCL's tuner does, blind to other traffic), bandwidth time from the max-min fair flow solution.
#include "stargate/net/concurrent_collectives.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "collective_flows.h"
#include "stargate/net/symmetric_all_to_all.h"

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

namespace {

double flow_scale(Collective op, Protocol protocol) {
  const bool reduction = op == Collective::all_reduce || op == Collective::reduce_scatter;
  return 1.0 / protocol_bandwidth_factor(protocol, reduction);
}

// The group of the jobs when they are direct all-to-alls of equal bytes and protocol tiling the cluster in order
// (job j on GPUs j·E .. j·E+E−1) without straddling scale-up domains; a group of 0 ranks otherwise, with the
// reason in `why` ("" when some job is not an all-to-all).
CommGroup tiled_all_to_all_group(const Topology& t, const std::vector<CollectiveJob>& jobs,
                                 const std::vector<JobTiming>& timings, std::string& why) {
  why.clear();
  for (size_t j = 0; j < jobs.size(); ++j) {
    if (jobs[j].op != Collective::all_to_all || timings[j].algorithm != Algorithm::direct) return CommGroup{0, 1};
  }
  const int size = static_cast<int>(jobs.empty() ? 0 : jobs[0].gpus.size());
  if (size < 2 || static_cast<long long>(size) * static_cast<long long>(jobs.size()) != t.gpus()) {
    why = "the all-to-all jobs do not cover the cluster's " + std::to_string(t.gpus()) + " GPUs";
    return CommGroup{0, 1};
  }
  for (size_t j = 0; j < jobs.size(); ++j) {
    const bool same = jobs[j].bytes == jobs[0].bytes && timings[j].protocol == timings[0].protocol &&
                      jobs[j].gpus == gpu_range(static_cast<int>(j) * size, size);
    if (!same) {
      why = "the all-to-all jobs are not equal groups of consecutive GPUs in order";
      return CommGroup{0, 1};
    }
  }
  const int domain = t.gpus_per_domain();
  const bool aligned = size <= domain ? domain % size == 0 || t.gpus() <= domain : size % domain == 0;
  if (!aligned) {
    why = "all-to-all groups of " + std::to_string(size) + " consecutive GPUs straddle scale-up domains of " +
          std::to_string(domain);
    return CommGroup{0, 1};
  }
  return CommGroup{size, std::min(size, domain)};
}

// The class solution for a tiled all-to-all, or false (reason in sim.aggregation_note) when it would not be exact.
// The class solution for a tiled all-to-all, or false (reason in sim.aggregation_note) when it would not be exact.
bool solve_by_classes(const Topology& t, const std::vector<CollectiveJob>& jobs, FlowSimulation& sim) {
  const CommGroup group = tiled_all_to_all_group(t, jobs, sim.jobs, sim.aggregation_note);
  if (group.size == 0) return false;
  const double bytes = jobs[0].bytes * flow_scale(jobs[0].op, sim.jobs[0].protocol);
  const SymmetricAllToAll symmetric = symmetric_all_to_all(t, group, bytes);
  if (!symmetric.classes) {
    sim.aggregation_note = symmetric.fallback_reason;
    return false;
  }
  const ClassFlowOutcome outcome = solve_max_min_classes(*symmetric.classes);
  double last = 0;
  for (size_t c = 0; c < outcome.finish_seconds.size(); ++c) {
    if (symmetric.classes->classes[c].flows > 0) last = std::max(last, outcome.finish_seconds[c]);
  }
  for (JobTiming& timing : sim.jobs) timing.bandwidth_seconds = last;  // every group alike, by symmetry
  sim.aggregated = true;
  sim.flows_represented = symmetric.classes->flows();
  sim.flow_classes = static_cast<int>(symmetric.classes->classes.size());
  return true;
}

void solve_by_flows(const Topology& topology, const std::vector<CollectiveJob>& jobs, FlowSimulation& sim) {
  for (size_t j = 0; j < jobs.size(); ++j) {
    const CollectiveJob& job = jobs[j];
    if (job.gpus.size() <= 1 || job.bytes <= 0) continue;
    const double scale = flow_scale(job.op, sim.jobs[j].protocol);
    add_collective_flows(topology, job, sim.jobs[j].algorithm, scale, static_cast<int>(j), sim.flows);
  }
  std::vector<double> capacity(topology.links().size());
  for (size_t l = 0; l < capacity.size(); ++l) capacity[l] = topology.links()[l].bytes_per_s;
  sim.outcome = solve_max_min(capacity, sim.flows);
  for (int f = 0; f < sim.flows.size(); ++f) {
    JobTiming& timing = sim.jobs[sim.flows.owner[f]];
    timing.bandwidth_seconds = std::max(timing.bandwidth_seconds, sim.outcome.finish_seconds[f]);
  }
  sim.flows_represented = sim.flows.size();
}

}  // namespace

FlowSimulation simulate_collectives(const Topology& topology, const std::vector<CollectiveJob>& jobs,
                                    FlowAggregation aggregation) {
  FlowSimulation sim;
  sim.jobs.resize(jobs.size());
  bool any = false;
  for (size_t j = 0; j < jobs.size(); ++j) {
    const CollectiveJob& job = jobs[j];
    if (job.gpus.size() <= 1 || job.bytes <= 0) continue;
    for (int gpu : job.gpus) {  // a contract violation is a bug in the caller: fail loudly
      if (gpu < 0 || gpu >= topology.gpus()) throw std::out_of_range("simulate_collectives: no GPU " + std::to_string(gpu));
    }
    const CommGroup group = comm_group_of(topology, job.gpus);
    const CollectiveEstimate est = estimate_collective(topology, job.op, job.bytes, group, job.algorithm);
    sim.jobs[j] = JobTiming{.latency_seconds = est.latency_seconds, .algorithm = est.algorithm, .protocol = est.protocol};
    any = true;
  }
  const bool by_classes = any && aggregation == FlowAggregation::automatic && solve_by_classes(topology, jobs, sim);
  if (!by_classes) solve_by_flows(topology, jobs, sim);
  for (JobTiming& timing : sim.jobs) timing.seconds = timing.latency_seconds + timing.bandwidth_seconds;
  return sim;
}

}  // namespace stargate::net
