#pragma once
// Which collective algorithms may run a collective here, and why the others may not. In-network reduction is used
// only where the catalog says it is enabled: NVLS where the node's `scale_up_reduction` is true (NVLink SHARP in
// the scale-up switches; NCCL enables NVLS by default where the hardware has it), CollNet where the scale-out
// fabric's `in_network_reduction` is true (InfiniBand SHARP: a deployment choice, an aggregation manager plus the
// NCCL-SHARP plugin and NCCL_COLLNET_ENABLE=1, off in NCCL by default), or where the caller forces it
// (`net --in-network-reduction`, a scenario's fabric override). Training and serving estimates use the same rule.
#include <string>
#include <vector>

#include "stargate/net/nccl_params.h"
#include "stargate/net/topology.h"
#include "stargate/perf/collective_model.h"

namespace stargate::net {

// Why `algorithm` cannot run `op` on `group` here ("fabric infiniband-ndr has in_network_reduction: false ..."),
// or "" when it can. automatic can always run.
std::string algorithm_unavailable_reason(const Topology& topology, Collective op, const CommGroup& group,
                                         Algorithm algorithm);

struct AlgorithmOption {
  Algorithm algorithm = Algorithm::ring;
  bool available = false;
  std::string reason;  // why not, when not available
};

// Every concrete algorithm (ring, tree, nvls, collnet, direct) with whether `automatic` may pick it and why not.
std::vector<AlgorithmOption> algorithm_options(const Topology& topology, Collective op, const CommGroup& group);

}  // namespace stargate::net
