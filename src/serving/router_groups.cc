#include "router_groups.h"

namespace stargate::serving_detail {

uint64_t router_group_seed(uint64_t seed, int group) {
  uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (static_cast<uint64_t>(group) + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

int request_group(uint64_t session_id, size_t index, int groups) {
  const uint64_t key = session_id != 0 ? router_group_seed(session_id, 0) : index;
  return static_cast<int>(key % static_cast<uint64_t>(groups));
}

ServingConfig router_group_config(const ServingConfig& config, int group) {
  const int groups = config.deployment.routers;
  ServingConfig c = config;
  ServingDeployment& d = c.deployment;
  d.routers = 1;
  d.pool.replicas /= groups;
  if (d.prefill_pool) d.prefill_pool->replicas /= groups;
  if (d.decode_pool) d.decode_pool->replicas /= groups;
  ServingWorkload& w = c.workload;
  if (w.arrival == ArrivalKind::trace) {
    w.trace.clear();
    for (size_t i = 0; i < config.workload.trace.size(); ++i) {
      const TraceRow& row = config.workload.trace[i];
      if (request_group(row.session_id, i, groups) == group) w.trace.push_back(row);
    }
    return c;
  }
  w.rate = config.workload.rate / groups;
  w.requests = config.workload.requests / groups + (group < config.workload.requests % groups ? 1 : 0);
  w.seed = router_group_seed(config.workload.seed, group);
  return c;
}

}  // namespace stargate::serving_detail
