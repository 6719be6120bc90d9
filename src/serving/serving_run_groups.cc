// ServingRun's router-group half (serving_run.h): a group's state handed over, and every group's merged.
#include <algorithm>
#include <utility>

#include "serving_run.h"

namespace stargate::serving_detail {

ServingGroupState ServingRun::take_state(int group) {
  ServingGroupState state{.group = group, .measured = metrics_->take(), .preemptions = preemptions_,
                          .arrivals = arrivals_, .max_live_requests = max_live_, .events = res_.events, .end_s = now_};
  for (const Replica& r : reps_) state.replicas.push_back(replica_use(r));
  for (const PoolUse& pool : pool_uses_) {
    state.pool_replicas.push_back(pool.replicas);
    state.pool_gpus.push_back(pool.gpus);
  }
  return state;
}

bool ServingRun::fits_pools(const ServingGroupState& state) const {
  const size_t pools = pool_uses_.size();
  return state.pool_gpus.size() == pools && state.pool_replicas.size() == pools &&
         std::all_of(state.replicas.begin(), state.replicas.end(),
                     [&](const ReplicaUse& r) { return r.pool >= 0 && static_cast<size_t>(r.pool) < pools; });
}

ServingResult ServingRun::finish_groups(std::vector<ServingGroupState>& states) {
  std::vector<ReplicaUse> uses;
  int64_t preemptions = 0, arrivals = 0, max_live = 0, events = 0;
  double end_s = 0;
  for (ServingGroupState& g : states) {
    if (&g == &states.front()) {
      metrics_->replace(std::move(g.measured));
    } else {
      metrics_->merge(g.measured, static_cast<int>(uses.size()), arrivals);
      for (size_t p = 0; p < pool_uses_.size(); ++p) pool_uses_[p].gpus += g.pool_gpus[p];
      for (size_t p = 0; p < res_.pools.size(); ++p) {
        res_.pools[p].replicas += g.pool_replicas[p];
        res_.pools[p].gpus += g.pool_gpus[p];
      }
    }
    uses.insert(uses.end(), g.replicas.begin(), g.replicas.end());
    preemptions += g.preemptions;
    arrivals += g.arrivals;
    max_live += g.max_live_requests;
    events += g.events;
    end_s = std::max(end_s, g.end_s);
  }
  res_.preemptions = preemptions;
  res_.requests = arrivals;
  res_.max_live_requests = max_live;
  res_.events = events;
  metrics_->summarize(res_, pool_uses_, uses, end_s);
  return std::move(res_);
}

}  // namespace stargate::serving_detail
