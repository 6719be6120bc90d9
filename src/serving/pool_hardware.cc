// Per-pool hardware of a disaggregated deployment: the cluster a pool runs on and the KV transfer between pools
// (serving_config.h, kv_transfer.h).
#include <algorithm>

#include "stargate/serving/kv_transfer.h"
#include "stargate/serving/serving_config.h"

namespace stargate {

Cluster pool_cluster(const Cluster& cluster, const PoolConfig& pool) {
  if (!pool.hardware) return cluster;
  Cluster c = cluster;
  c.accelerator = pool.hardware->accelerator;
  c.node = pool.hardware->node;
  return c;
}

double kv_transfer_bandwidth(const ServingDeployment& d, const Cluster& cluster) {
  if (d.kv_transfer_bandwidth > 0) return d.kv_transfer_bandwidth;
  if (!d.disaggregated()) return cluster.node.nic_bandwidth_per_gpu_bytes_per_s;
  return std::min(pool_cluster(cluster, *d.prefill_pool).node.nic_bandwidth_per_gpu_bytes_per_s,
                  pool_cluster(cluster, *d.decode_pool).node.nic_bandwidth_per_gpu_bytes_per_s);
}

}  // namespace stargate
