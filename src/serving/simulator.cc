#include "stargate/serving/simulator.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <mutex>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "router_groups.h"
#include "serving_run.h"
#include "stargate/core/value_limits.h"

namespace stargate {
using namespace serving_detail;
namespace {

// The requests the run of router group `group` (0 when there is one router) with config `c` draws: lazily from
// its workload, or from an explicit list.
using SourceOf = std::function<RequestSource(const ServingConfig& c, int group)>;

Result<ServingResult> simulate_one(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                                   const SimulationOptions& opt, RequestSource source, int64_t total_requests) {
  ServingRun run(model, cluster, cfg, opt, std::move(source), total_requests);
  if (Status built = run.build_replicas(); !built.ok()) return built.error();
  run.prepare();
  if (Status ran = run.run(); !ran.ok()) return ran.error();
  run.retire_stuck();
  return run.finish();
}

// Progress of the router groups running at once, summed and reported one call at a time.
class GroupProgress {
 public:
  GroupProgress(ProgressCallback callback, size_t groups) : callback_(std::move(callback)), done_(groups, 0) {}
  ProgressCallback for_group(size_t g, size_t total) {
    if (!callback_) return {};
    return [this, g, total](size_t done, size_t) {
      const std::lock_guard lock(mutex_);
      done_[g] = done;
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

// ServingDeployment::routers > 1: one run per router group (router_groups.h), in parallel, merged in group order.
Result<ServingResult> simulate_groups(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                                      const SimulationOptions& opt, const SourceOf& source_of, int64_t total_requests) {
  const int groups = cfg.deployment.routers;
  std::vector<ServingConfig> configs;
  configs.reserve(groups);
  for (int g = 0; g < groups; ++g) configs.push_back(router_group_config(cfg, g));
  GroupProgress progress(opt.progress, static_cast<size_t>(groups));
  std::vector<std::unique_ptr<ServingRun>> runs(groups);
  std::vector<Status> statuses(groups, Status::success());
  auto run_group = [&](int g, const ServingRun* previous) {
    SimulationOptions group_opt = opt;
    group_opt.progress = progress.for_group(static_cast<size_t>(g), static_cast<size_t>(total_requests));
    RequestSource source = source_of(configs[g], g);
    const int64_t requests = configs[g].workload.arrival == ArrivalKind::trace
                                 ? static_cast<int64_t>(configs[g].workload.trace.size())
                                 : configs[g].workload.requests;
    auto run = std::make_unique<ServingRun>(model, cluster, configs[g], group_opt, std::move(source), requests);
    Status status = run->build_replicas(previous);
    if (status.ok()) {
      run->prepare();
      run->sample_from_time_zero();
      status = run->run();
    }
    if (status.ok()) run->retire_stuck();
    statuses[g] = std::move(status);
    runs[g] = std::move(run);
  };
  // Each worker runs every workers-th group, one after the other, sharing the step-time models (memoized step
  // times) of its previous group; the models are pure, so the results do not depend on the number of workers.
  const int workers = std::min(groups, tbb::this_task_arena::max_concurrency());
  tbb::parallel_for(0, workers, [&](int worker) {
    const ServingRun* previous = nullptr;
    for (int g = worker; g < groups; g += workers) {
      run_group(g, previous);
      previous = statuses[g].ok() ? runs[g].get() : nullptr;
    }
  });
  for (const Status& s : statuses) {
    if (!s.ok()) return s.error();
  }
  for (int g = 1; g < groups; ++g) runs[0]->absorb(*runs[g]);
  return runs[0]->finish();
}

Result<ServingResult> simulate(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                               const SimulationOptions& opt, const SourceOf& source_of, int64_t total_requests) {
  const ServingDeployment& d = cfg.deployment;
  if (d.routers > 1) {
    const bool divides = d.disaggregated()
                             ? d.prefill_pool->replicas % d.routers == 0 && d.decode_pool->replicas % d.routers == 0
                             : d.pool.replicas % d.routers == 0;
    if (!divides) {
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
