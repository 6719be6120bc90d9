#pragma once
// Several collectives running at once on the actual placement of their ranks (e.g. data-parallel rings across the
// spine while an expert-parallel all-to-all runs): each collective becomes flows on the links its algorithm uses,
// all flows share links max-min fairly (flow_model.h), and a collective ends when its last flow does, plus its
// latency term from the analytical model.
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

struct FlowSimulation {
  std::vector<JobTiming> jobs;  // one per input job, same order
  FlowSet flows;
  FlowOutcome outcome;
};

// `count` GPUs starting at `first`, every `stride`-th: a tensor-parallel group is gpu_range(0, 8), a data-parallel
// group of one GPU per node gpu_range(r, nodes, 8).
std::vector<int> gpu_range(int first, int count, int stride = 1);

// The communicator shape of a placement: its size and the largest number of its ranks in one scale-up domain.
CommGroup comm_group_of(const Topology& topology, const std::vector<int>& gpus);

// Contract: `topology` built with links (build_topology); every GPU id < topology.gpus() and distinct within a
// job (else std::out_of_range). Jobs of one rank or 0 bytes take 0 s and add no flows.
FlowSimulation simulate_collectives(const Topology& topology, const std::vector<CollectiveJob>& jobs);

}  // namespace stargate::net
