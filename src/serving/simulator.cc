#include "stargate/serving/simulator.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "replica.h"
#include "stargate/core/units.h"
#include "serving_metrics.h"

namespace stargate {
using namespace serving_detail;
namespace {

enum EventKind : int32_t { kIterationEnd = 0, kTransferEnd = 1 };
struct Event {
  double time;
  int32_t kind, id;  // iteration end: replica; transfer end: request
  bool operator<(const Event& o) const { return time > o.time; }  // min-heap through std::push_heap
};

struct PoolSetup {
  PoolConfig pool;
  Role role;
};

}  // namespace

Result<ServingResult> simulate_serving(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg,
                                       const std::vector<ServingRequest>& input, const SimulationOptions& opt) {
  const ServingDeployment& dep = cfg.deployment;
  std::vector<PoolSetup> setups;
  if (dep.disaggregated()) {
    setups = {{*dep.prefill_pool, Role::prefill}, {*dep.decode_pool, Role::decode}};
  } else {
    setups = {{dep.pool, Role::mixed}};
  }
  std::vector<std::unique_ptr<StepTimeModel>> steps;
  std::vector<Replica> reps;
  ServingResult res;
  for (size_t p = 0; p < setups.size(); ++p) {
    const PoolConfig& pc = setups[p].pool;
    const char* field = dep.disaggregated() ? (p == 0 ? "serving.prefill.tp" : "serving.decode.tp") : "serving.tp";
    if (model.heads % pc.tp != 0) {
      return Error{ErrorKind::invalid_input, "tp " + std::to_string(pc.tp) + " does not divide " +
                                                 std::to_string(model.heads) + " attention heads", field, {}};
    }
    steps.push_back(std::make_unique<StepTimeModel>(
        model, cluster, StepTimeOptions{pc.tp, dep.weights, dep.kv_bytes_per_element, dep.cuda_graphs, dep.engine}));
    const StepTimeModel& st = *steps.back();
    const double usable = cfg.scheduler.usable_hbm_bytes(cluster.accelerator) -
                          st.weight_bytes_per_gpu() - st.activation_bytes_per_gpu(cfg.scheduler.max_batch_tokens);
    const double block_bytes = st.kv_bytes_per_token_per_gpu() * cfg.scheduler.block_tokens;
    const int64_t blocks = usable > 0 ? static_cast<int64_t>(usable / block_bytes) : 0;
    if (blocks < 1) {
      return Error{ErrorKind::invalid_input,
                   "weights (" + format_quantity(st.weight_bytes_per_gpu(), Dimension::bytes) +
                       " per GPU) and activations leave no HBM for the KV cache; raise tp or use fp8 weights",
                   field, {}};
    }
    res.kv_blocks_per_replica = blocks;
    res.weight_bytes_per_gpu = st.weight_bytes_per_gpu();
    res.kv_bytes_per_token_per_gpu = st.kv_bytes_per_token_per_gpu();
    for (int i = 0; i < pc.replicas; ++i) {
      Replica r;
      r.id = static_cast<int>(reps.size());
      r.role = setups[p].role;
      r.pool = static_cast<int>(p);
      r.blocks_total = r.blocks_free = blocks;
      r.running.reserve(cfg.scheduler.max_batch_sequences + 1);
      r.scheduled.reserve(cfg.scheduler.max_batch_sequences + 1);
      r.chunks.reserve(cfg.scheduler.max_batch_sequences + 1);
      reps.push_back(std::move(r));
    }
  }
  const int first_decode = dep.disaggregated() ? dep.prefill_pool->replicas : 0;
  const int entry_count = dep.disaggregated() ? dep.prefill_pool->replicas : static_cast<int>(reps.size());
  const double transfer_bw = dep.kv_transfer_bandwidth > 0 ? dep.kv_transfer_bandwidth
                                                           : cluster.node.nic_bandwidth_per_gpu_bytes_per_s;

  std::vector<Req> reqs(input.size());
  for (size_t i = 0; i < input.size(); ++i) {
    reqs[i].arrival = input[i].arrival;
    reqs[i].input = std::max(1, input[i].input_tokens);
    reqs[i].output = std::max(1, input[i].output_tokens);
  }
  int64_t preemptions = 0;
  const int prefix = cfg.scheduler.prefix_caching ? cfg.workload.shared_prefix : 0;
  std::vector<SchedulerContext> ctxs;
  for (auto& st : steps) {
    ctxs.push_back({&cfg.scheduler, prefix, st->kv_bytes_per_token_per_gpu(), &reqs, &preemptions});
  }
  MetricsCollector metrics(cfg, reqs.size(), opt);

  std::vector<Event> heap;
  heap.reserve(reps.size() + 16);
  auto push = [&](double t, int32_t kind, int32_t id) {
    heap.push_back({t, kind, id});
    std::push_heap(heap.begin(), heap.end());
  };
  size_t next_arrival = 0, rr = 0;
  double now = 0;
  int64_t in_system = 0;

  auto start_iteration = [&](Replica& rep) {
    while (true) {
      BatchShape shape = form_iteration(rep, ctxs[rep.pool]);
      if (!rep.scheduled.empty()) {
        double dt = steps[rep.pool]->seconds(shape) + rep.swap_bytes / cfg.scheduler.swap_bandwidth;
        rep.busy = true;
        rep.iteration_start = now;
        rep.busy_time += dt;
        metrics.iteration(rep, shape, now, dt);
        push(now + dt, kIterationEnd, rep.id);
        return;
      }
      rep.busy = false;
      if (!rep.running.empty() || rep.waiting.empty()) return;
      // An idle replica that cannot admit its first waiting request never will: the request exceeds the cache.
      const int32_t id = rep.waiting.front();
      rep.waiting.pop_front();
      --rep.outstanding;
      --in_system;
      metrics.rejected(id, now);
    }
  };
  auto route = [&](int32_t id, int first, int count) {
    int best = first + static_cast<int>(rr++ % count);
    if (dep.router == RouterPolicy::least_outstanding) {
      for (int i = first; i < first + count; ++i) {
        if (reps[i].outstanding < reps[best].outstanding) best = i;
      }
    }
    Replica& rep = reps[best];
    reqs[id].replica = best;
    ++rep.outstanding;
    rep.waiting.push_back(id);
    if (!rep.busy) start_iteration(rep);
  };

  while (next_arrival < reqs.size() || !heap.empty()) {
    const bool arrival = next_arrival < reqs.size() && (heap.empty() || reqs[next_arrival].arrival <= heap.front().time);
    const double t = arrival ? reqs[next_arrival].arrival : heap.front().time;
    metrics.advance(t, in_system, reps);
    now = t;
    ++res.events;
    if (arrival) {
      ++in_system;
      route(static_cast<int32_t>(next_arrival++), 0, entry_count);
      continue;
    }
    const Event ev = heap.front();
    std::pop_heap(heap.begin(), heap.end());
    heap.pop_back();
    if (ev.kind == kTransferEnd) {
      Req& r = reqs[ev.id];
      Replica& from = reps[r.replica];
      release_blocks(from, r);
      --from.outstanding;
      r.computed = r.input;  // KV of the prompt arrives with the request; the first token is already out
      route(ev.id, first_decode, static_cast<int>(reps.size()) - first_decode);
      if (!from.busy) start_iteration(from);
      continue;
    }
    Replica& rep = reps[ev.id];
    finish_iteration(rep, ctxs[rep.pool], [&](int32_t id) {
      Req& r = reqs[id];
      if (r.generated == 1) r.first_token = now;
      if (r.generated >= r.output) {
        r.finish = now;
        ++r.completions;
        r.replica = rep.id;
        release_blocks(rep, r);
        --rep.outstanding;
        --in_system;
        metrics.finished(id, r, now);
      } else if (rep.role == Role::prefill) {
        double bytes = double(r.computed) * steps[rep.pool]->kv_bytes_per_token_per_gpu();
        push(now + bytes / transfer_bw, kTransferEnd, id);
      }
    });
    start_iteration(rep);
  }
  metrics.advance(now, in_system, reps);
  res.preemptions = preemptions;
  metrics.summarize(res, model, cluster, reqs, reps, now);
  return res;
}

}  // namespace stargate
