// CollectiveModel adapter over estimate_collective(). The analytical path and the symmetric all-to-all need the
// topology's sizes and rates, not its links, so only the summary is built (a 100k-GPU cluster costs nothing).
#include "stargate/net/topology_collectives.h"

#include <algorithm>

#include "stargate/net/collective_estimate.h"
#include "stargate/net/nccl_params.h"
#include "stargate/net/symmetric_all_to_all.h"

namespace stargate::net {
namespace {

class TopologyCollectives final : public CollectiveModel {
 public:
  TopologyCollectives(const Cluster& cluster, const TopologyOptions& options, bool all_to_all_by_flows)
      : topology_(build_topology_summary(cluster, options)), all_to_all_by_flows_(all_to_all_by_flows) {}

  double seconds(Collective op, double bytes, const CommGroup& group) const override {
    const CollectiveEstimate estimate = estimate_collective(topology_, op, bytes, group);
    if (!all_to_all_by_flows_ || op != Collective::all_to_all || estimate.algorithm != Algorithm::direct) {
      return estimate.seconds;
    }
    const double scaled_bytes = bytes / protocol_bandwidth_factor(estimate.protocol, false);
    const SymmetricAllToAll symmetric = symmetric_all_to_all(topology_, group, scaled_bytes);
    if (!symmetric.classes) return estimate.seconds;
    const ClassFlowOutcome flows = solve_max_min_classes(*symmetric.classes);
    const double last = *std::max_element(flows.finish_seconds.begin(), flows.finish_seconds.end());
    return estimate.latency_seconds + last;
  }

 private:
  Topology topology_;
  bool all_to_all_by_flows_;
};

}  // namespace

std::unique_ptr<CollectiveModel> make_topology_collectives(const Cluster& cluster, const TopologyOptions& options) {
  return std::make_unique<TopologyCollectives>(cluster, options, false);
}

std::unique_ptr<CollectiveModel> make_fabric_flow_collectives(const Cluster& cluster, const TopologyOptions& options) {
  return std::make_unique<TopologyCollectives>(cluster, options, true);
}

std::unique_ptr<CollectiveModel> make_topology_collectives(const Cluster& cluster) {
  return make_topology_collectives(cluster, default_topology_options(cluster));
}

}  // namespace stargate::net
