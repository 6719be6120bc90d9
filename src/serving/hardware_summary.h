#pragma once
// Internal: what a serving run's GPUs did and cost, pool by pool: each pool on its own accelerator (peak FLOP/s,
// HBM bandwidth, TDP) at its own $/GPU-hour. Pools on the same accelerator at the same price are summed as one
// group, so a deployment on one kind of hardware is priced exactly as GPUs × duration × price.
#include <cstdint>
#include <vector>

#include "replica.h"
#include "stargate/catalog/cluster.h"
#include "stargate/serving/simulator.h"

namespace stargate::serving_detail {

struct PoolUse {
  Cluster cluster;    // the pool's hardware (pool_cluster)
  int tp = 1;         // GPUs per engine (a replica runs as pp engines: PoolConfig)
  int replicas = 0;   // in the pool (ServingDeployment's PoolConfig::replicas)
  int gpus = 0;       // replicas × tp × pp
  GpuHourCost price;  // one of its GPU-hours
};

// What one replica (engine) did that the summary reads: all a router group carries of its replicas
// (group_state.h).
struct ReplicaUse {
  int32_t pool = 0;          // PoolUse index
  double busy_s = 0;         // seconds running iterations
  int64_t prefix_hit_tokens = 0, prefix_query_tokens = 0;  // prompt tokens found cached / looked up
  int64_t prefix_evicted_blocks = 0;                       // blocks its prefix cache evicted
};
ReplicaUse replica_use(const Replica& replica);

// The run's totals over `duration_s` seconds of `flops` model FLOPs and `hbm_bytes` HBM bytes (all GPUs): fills
// out's gpus, busy_fraction, gpu_utilization, compute and HBM utilization, compute_peak_flops_per_s, power,
// energy, gpu_hour_cost, price_per_gpu_hour, cost_usd and usd_per_million_output_tokens (from out.output_tokens),
// and each out.pools entry's busy_fraction and cost_usd (out.pools empty, or one entry per `pools` entry).
void summarize_hardware(ServingResult& out, const std::vector<PoolUse>& pools, const std::vector<ReplicaUse>& replicas,
                        double duration_s, double flops, double hbm_bytes, Dtype weights);

}  // namespace stargate::serving_detail
