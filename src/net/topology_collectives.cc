// CollectiveModel adapter over estimate_collective(). The analytical path needs the topology's sizes and rates,
// not its links, so only the summary is built (a 100k-GPU cluster costs nothing to set up).
#include "stargate/net/topology_collectives.h"

#include "stargate/net/collective_estimate.h"

namespace stargate::net {
namespace {

class TopologyCollectives final : public CollectiveModel {
 public:
  TopologyCollectives(const Cluster& cluster, const TopologyOptions& options)
      : topology_(build_topology_summary(cluster, options)) {}

  double seconds(Collective op, double bytes, const CommGroup& group) const override {
    return estimate_collective(topology_, op, bytes, group).seconds;
  }

 private:
  Topology topology_;
};

}  // namespace

std::unique_ptr<CollectiveModel> make_topology_collectives(const Cluster& cluster, const TopologyOptions& options) {
  return std::make_unique<TopologyCollectives>(cluster, options);
}

std::unique_ptr<CollectiveModel> make_topology_collectives(const Cluster& cluster) {
  return make_topology_collectives(cluster, default_topology_options(cluster));
}

}  // namespace stargate::net
