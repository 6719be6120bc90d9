#include "stargate/serving/simulator.h"

#include <utility>

#include "group_state.h"
#include "router_group_runs.h"
#include "router_groups.h"
#include "serving_run.h"
#include "stargate/core/value_limits.h"

namespace stargate {
using namespace serving_detail;
namespace {

using SourceOf = GroupSourceOf;  // group 0 when there is one router

Result<ServingResult> simulate_one(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                                   const SimulationOptions& opt, RequestSource source, int64_t total_requests) {
  ServingRun run(model, cluster, cfg, opt, std::move(source), total_requests);
  if (Status built = run.build_replicas(); !built.ok()) return built.error();
  run.prepare();
  if (Status ran = run.run(); !ran.ok()) return ran.error();
  run.retire_stuck();
  return run.finish();
}

// ServingDeployment::routers > 1: one run per router group (router_groups.h), in parallel, merged in group order;
// with an exchange, this process runs its share of the groups and process 0 merges them all.
Result<ServingResult> simulate_groups(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                                      const SimulationOptions& opt, const SourceOf& source_of, int64_t total_requests) {
  const int groups = cfg.deployment.routers;
  const RouterGroupExchange* exchange = opt.group_exchange;
  const int rank = exchange ? exchange->rank() : 0, size = exchange ? exchange->size() : 1;
  std::vector<int> mine;
  for (int g = rank; g < groups; g += size) mine.push_back(g);
  std::vector<ServingGroupState> states = run_router_groups(model, cluster, cfg, opt, source_of, total_requests, mine);
  if (size > 1) {
    const std::vector<std::vector<uint8_t>> all = exchange->gather(encode_group_states(states));
    if (rank != 0) return ServingResult{};
    states.assign(static_cast<size_t>(groups), ServingGroupState{.group = -1});
    for (const std::vector<uint8_t>& bytes : all) {
      Result<std::vector<ServingGroupState>> decoded = decode_group_states(bytes);
      if (!decoded.ok()) return decoded.error();
      for (ServingGroupState& s : decoded.value()) {
        if (s.group >= 0 && s.group < groups) states[s.group] = std::move(s);
      }
    }
  }
  return merge_router_groups(model, cluster, cfg, opt, std::move(states));
}

Result<ServingResult> simulate(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                               const SimulationOptions& opt, const SourceOf& source_of, int64_t total_requests) {
  const ServingDeployment& d = cfg.deployment;
  if (d.routers > 1) {
    if (d.replicas_routers_do_not_divide() != 0) {
      return Error{ErrorKind::invalid_input,
                   std::to_string(d.routers) + " routers do not divide every pool's replicas", "serving.routers", {}};
    }
    return simulate_groups(model, cluster, cfg, opt, source_of, total_requests);
  }
  return simulate_one(model, cluster, cfg, opt, source_of(cfg, 0), total_requests);
}

Error too_many_requests() {
  return Error{ErrorKind::invalid_input,
               "more than " + std::to_string(limits::serving_requests.max) + " requests to simulate",
               "serving.workload.requests", {}};
}

}  // namespace

Result<ServingResult> simulate_serving(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                                       const SimulationOptions& opt) {
  const int64_t n = cfg.workload.arrival == ArrivalKind::trace ? static_cast<int64_t>(cfg.workload.trace.size())
                                                               : cfg.workload.requests;
  if (n > limits::serving_requests.max) return too_many_requests();
  return simulate(model, cluster, cfg, opt, [](const ServingConfig& c, int) { return RequestSource(c.workload); }, n);
}

Result<ServingResult> simulate_serving(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                                       const std::vector<ServingRequest>& input, const SimulationOptions& opt) {
  if (input.size() > static_cast<size_t>(limits::serving_requests.max)) return too_many_requests();
  const int groups = cfg.deployment.routers;
  auto source_of = [&](const ServingConfig&, int group) {
    if (groups == 1) return RequestSource(input);
    std::vector<ServingRequest> mine;
    for (size_t i = 0; i < input.size(); ++i) {
      if (request_group(input[i].session_id, i, groups) == group) mine.push_back(input[i]);
    }
    return RequestSource(std::move(mine));
  };
  return simulate(model, cluster, cfg, opt, source_of, static_cast<int64_t>(input.size()));
}

}  // namespace stargate
