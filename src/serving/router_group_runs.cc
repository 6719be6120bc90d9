#include "router_group_runs.h"

#include <algorithm>
#include <memory>
#include <mutex>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "router_groups.h"
#include "serving_run.h"

namespace stargate::serving_detail {
namespace {

// Progress of the router groups running at once, summed and reported one call at a time.
class GroupProgress {
 public:
  GroupProgress(ProgressCallback callback, size_t groups) : callback_(std::move(callback)), done_(groups, 0) {}
  ProgressCallback for_group(size_t slot, size_t total) {
    if (!callback_) return {};
    return [this, slot, total](size_t done, size_t) {
      const std::lock_guard lock(mutex_);
      done_[slot] = done;
      size_t sum = 0;
      for (size_t d : done_) sum += d;
      callback_(sum, total);
    };
  }

 private:
  ProgressCallback callback_;
  std::mutex mutex_;
  std::vector<size_t> done_;
};

int64_t workload_requests(const ServingConfig& c) {
  return c.workload.arrival == ArrivalKind::trace ? static_cast<int64_t>(c.workload.trace.size()) : c.workload.requests;
}

}  // namespace

std::vector<ServingGroupState> run_router_groups(const ModelSpec& model, const Cluster& cluster,
                                                 const ServingConfig& cfg, const SimulationOptions& opt,
                                                 const GroupSourceOf& source_of, int64_t total_requests,
                                                 const std::vector<int>& groups) {
  const int count = static_cast<int>(groups.size());
  std::vector<ServingConfig> configs;
  configs.reserve(groups.size());
  for (int g : groups) configs.push_back(router_group_config(cfg, g));
  GroupProgress progress(opt.progress, groups.size());
  std::vector<ServingGroupState> states(groups.size());
  // Runs the k-th group given, after `previous` (whose step-time models it shares); the run, unless it failed.
  auto run_group = [&](int k, std::unique_ptr<ServingRun> previous) {
    SimulationOptions group_opt = opt;
    group_opt.progress = progress.for_group(static_cast<size_t>(k), static_cast<size_t>(total_requests));
    auto run = std::make_unique<ServingRun>(model, cluster, configs[k], group_opt, source_of(configs[k], groups[k]),
                                            workload_requests(configs[k]));
    Status status = run->build_replicas(previous.get());
    if (status.ok()) {
      run->prepare();
      run->sample_from_time_zero();
      status = run->run();
    }
    if (!status.ok()) {
      states[k] = ServingGroupState{.group = groups[k], .error = status.error()};
      return std::unique_ptr<ServingRun>();
    }
    run->retire_stuck();
    states[k] = run->take_state(groups[k]);
    return run;
  };
  // Each worker runs every workers-th group, one after the other, sharing the step-time models (memoized step
  // times) of its previous group; the models are pure, so the results do not depend on the number of workers.
  const int workers = std::max(1, std::min(count, tbb::this_task_arena::max_concurrency()));
  tbb::parallel_for(0, workers, [&](int worker) {
    std::unique_ptr<ServingRun> previous;
    for (int k = worker; k < count; k += workers) previous = run_group(k, std::move(previous));
  });
  return states;
}

Result<ServingResult> merge_router_groups(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                                          const SimulationOptions& opt, std::vector<ServingGroupState> states) {
  const int groups = cfg.deployment.routers;
  if (static_cast<int>(states.size()) != groups) {
    return Error{ErrorKind::internal, std::to_string(states.size()) + " router group states for " +
                                          std::to_string(groups) + " routers", "serving.routers", {}};
  }
  for (int g = 0; g < groups; ++g) {
    if (states[g].group != g) {
      return Error{ErrorKind::internal, "router group states out of order", "serving.routers", {}};
    }
    if (states[g].error) return *states[g].error;
  }
  // The deployment's static parts (pools, memory, prices) come from group 0's configuration, rebuilt here.
  const ServingConfig first = router_group_config(cfg, 0);
  ServingRun merged(model, cluster, first, opt, RequestSource(std::vector<ServingRequest>{}), 0);
  if (Status built = merged.build_replicas(); !built.ok()) return built.error();
  for (const ServingGroupState& s : states) {
    if (!merged.fits_pools(s)) {
      return Error{ErrorKind::internal, "router group " + std::to_string(s.group) + "'s state does not fit the pools",
                   "serving.routers", {}};
    }
  }
  merged.prepare();
  return merged.finish_groups(states);
}

}  // namespace stargate::serving_detail
