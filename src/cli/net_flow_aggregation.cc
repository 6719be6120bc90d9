// How `stargate net --flow` solves an all-to-all: by flow classes where the fabric is uniform, else flow by flow.
#include "net_flow_aggregation.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "stargate/net/concurrent_collectives.h"
#include "stargate/net/symmetric_all_to_all.h"

namespace stargate::cli {
namespace {

// Beyond this many flows the per-flow model needs over ~1 GB (about 100 bytes of state per flow) and minutes.
constexpr double kMaxPerFlowFlows = 1e7;

}  // namespace

std::vector<int> flow_ranks(int ranks, const net::Topology& topology, int per_domain) {
  std::vector<int> gpus;
  for (int i = 0; i < ranks; ++i) gpus.push_back((i / per_domain) * topology.gpus_per_domain() + i % per_domain);
  return gpus;
}

FlowAggregationInfo describe_flow_aggregation(const net::Topology& t, Collective op, const std::vector<int>& ranks,
                                              int per_domain) {
  FlowAggregationInfo out;
  if (op != Collective::all_to_all || ranks.size() < 2) return out;
  const bool whole_cluster = ranks == net::gpu_range(0, t.gpus());
  const net::SymmetricAllToAll s =
      whole_cluster ? net::symmetric_all_to_all(t, {t.gpus(), std::min(t.gpus(), t.gpus_per_domain())}, 1.0)
                    : net::SymmetricAllToAll{.classes = std::nullopt, .fallback_reason = "the ranks do not cover every GPU"};
  if (s.classes) {
    out.text = fmt::format("# flow model: {:.0f} flows solved as {} classes of equivalent flows (exact: uniform "
                           "fabric)\n", s.classes->flows(), s.classes->classes.size());
    out.json = {{"aggregated", true}, {"flows", s.classes->flows()}, {"classes", s.classes->classes.size()},
                {"note", ""}};
    return out;
  }
  const double n = static_cast<double>(ranks.size());
  const double domains = std::ceil(n / per_domain);
  const double flows = n * (domains - 1) * t.planes() + n * (std::min<double>(n, per_domain) - 1);
  if (flows > kMaxPerFlowFlows) {
    out.error = Error{.kind = ErrorKind::invalid_input,
                      .message = fmt::format("the per-flow all-to-all would need {:.0f} flows (limit {:.0f}) because "
                                             "flow classes are not exact here: {}; choose --gpus to fill whole "
                                             "scale-up domains, leaves and pods, or drop --flow for the analytical "
                                             "model", flows, kMaxPerFlowFlows, s.fallback_reason),
                      .field = "--gpus",
                      .location = {}};
    return out;
  }
  out.text = fmt::format("# flow model: per flow ({:.0f} flows); classes not exact: {}\n", flows, s.fallback_reason);
  out.json = {{"aggregated", false}, {"flows", flows}, {"classes", 0}, {"note", s.fallback_reason}};
  return out;
}

}  // namespace stargate::cli
