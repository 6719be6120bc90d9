#pragma once
// Several collectives running at once on the actual placement of their ranks (e.g. data-parallel rings across the
// spine while an expert-parallel all-to-all runs): each collective becomes flows on the links its algorithm uses,
// all flows share links max-min fairly (flow_model.h), and a collective ends when its last flow does, plus its
// latency term from the analytical model.
#include <string>
#include <vector>

#include "stargate/net/collective_estimate.h"
#include "stargate/net/flow_model.h"
#include "stargate/net/topology.h"

namespace stargate::net {

struct CollectiveJob {
  Collective op = Collective::all_reduce;
  double bytes = 0;        // per rank, as CollectiveModel counts it
  std::vector<int> gpus;   // rank i runs on GPU gpus[i]; send/recv pairs ranks (0→1), (2→3), ...
  Algorithm algorithm = Algorithm::automatic;  // resolved with the analytical model, as NCCL's tuner would
};

struct JobTiming {
  double seconds = 0;            // latency_seconds + bandwidth_seconds
  double bandwidth_seconds = 0;  // when the job's last flow finished
  double latency_seconds = 0;
  Algorithm algorithm = Algorithm::ring;
  Protocol protocol = Protocol::simple;
};

// automatic: solve a tiled all-to-all on a uniform fabric by flow classes (symmetric_all_to_all.h), exact, and
// everything else flow by flow; per_flow: always flow by flow (the reference the classes are tested against).
enum class FlowAggregation { automatic, per_flow };

struct FlowSimulation {
  std::vector<JobTiming> jobs;  // one per input job, same order
  FlowSet flows;                // empty when aggregated
  FlowOutcome outcome;          // empty when aggregated
  // Aggregated: the max-min solution was computed on classes of equivalent flows. aggregation_note: why a set of
  // all-to-all jobs was solved flow by flow instead (the symmetry that does not hold); "" when not an all-to-all.
  bool aggregated = false;
  std::string aggregation_note;
  double flows_represented = 0;  // flows the solution stands for (flows.size() when not aggregated)
  int flow_classes = 0;          // classes solved (0 when not aggregated)
};

// `count` GPUs starting at `first`, every `stride`-th: a tensor-parallel group is gpu_range(0, 8), a data-parallel
// group of one GPU per node gpu_range(r, nodes, 8).
std::vector<int> gpu_range(int first, int count, int stride = 1);

// The communicator shape of a placement: its size and the largest number of its ranks in one scale-up domain.
CommGroup comm_group_of(const Topology& topology, const std::vector<int>& gpus);

// Contract: `topology` built with links (build_topology); every GPU id < topology.gpus() and distinct within a
// job (else std::out_of_range). Jobs of one rank or 0 bytes take 0 s and add no flows.
// Aggregation is tried when every job is an all-to-all run by the direct algorithm with the same bytes and
// protocol, and job j runs on GPUs [j·E, (j+1)·E) so the jobs tile the cluster.
FlowSimulation simulate_collectives(const Topology& topology, const std::vector<CollectiveJob>& jobs,
                                    FlowAggregation aggregation = FlowAggregation::automatic);

}  // namespace stargate::net
