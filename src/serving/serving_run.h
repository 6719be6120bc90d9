#pragma once
// Internal: one run of the serving simulation (simulator.h) over one router's replicas: the discrete-event loop,
// its replicas and its streamed measurements. simulate_serving() runs one, or one per router group in parallel
// and merges them (router_groups.h).
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "group_state.h"
#include "hardware_summary.h"
#include "replica.h"
#include "request_source.h"
#include "serving_metrics.h"
#include "stargate/serving/engine_step.h"
#include "stargate/serving/simulator.h"

namespace stargate::serving_detail {


enum EventKind : int32_t { kIterationEnd = 0, kTransferEnd = 1 };
struct Event {
  double time;
  int32_t kind, id;  // iteration end: replica; transfer end: request
  bool operator<(const Event& o) const { return time > o.time; }  // min-heap through std::push_heap
};

// One run of the discrete-event simulation: replicas, the requests in flight (a slot pool), the event heap and the
// streamed metrics. Requests come from `source` one arrival at a time.
class ServingRun {
 public:
  ServingRun(const ModelSpec& model, const Cluster& cluster, const ServingConfig& cfg, const SimulationOptions& opt,
             RequestSource source, int64_t total_requests)
      : model_(model), cluster_(cluster), cfg_(cfg), dep_(cfg.deployment), opt_(opt), source_(std::move(source)),
        total_requests_(total_requests) {}

  // Builds every pool's step-time model (on the pool's own accelerator) and replicas; an impossible deployment is
  // an Error naming the field. `same_pools`: a run of the same pools on this thread whose step-time models (and
  // their memoized step times, pure functions of the batch) this one shares instead of building its own.
  Status build_replicas(const ServingRun* same_pools = nullptr);
  // The prefill → decode KV transfer (kv_transfer.h); an Error when there is no bandwidth.
  Status plan_kv_transfer();
  void prepare();
  // Runs until every request has finished or was rejected; an Error when a simulation limit is reached.
  Status run();
  // Requests never finished nor rejected (stuck at the end) leave with their state as it stands.
  void retire_stuck();
  // Router groups (router_groups.h): the time series starts at time 0, the grid every group shares.
  void sample_from_time_zero() { metrics_->sample_from_time_zero(); }
  // Router groups: what this group's run measured and counted, handed over (call after run() and retire_stuck();
  // the run is left without measurements).
  ServingGroupState take_state(int group);
  // Router groups: the result of every group merged in group order (states[g] is group g's, none failed). This run
  // is built and prepared with group 0's configuration, which every group shares but for its workload.
  ServingResult finish_groups(std::vector<ServingGroupState>& states);
  // The state's per-pool and per-replica figures fit this run's pools (a state decoded from bytes, checked before
  // finish_groups).
  bool fits_pools(const ServingGroupState& state) const;
  // The result; call after run() and retire_stuck().
  ServingResult finish();

 private:
  void push(double t, int32_t kind, int32_t id) {
    heap_.push_back({t, kind, id});
    std::push_heap(heap_.begin(), heap_.end());
  }
  // run()'s event loop; decode cohorts may be left with stale member counts.
  Status run_events();
  void start_iteration(Replica& rep);
  // Forms `rep`'s next batch into `shape`; false when it has none. An idle engine that cannot admit its first
  // waiting request rejects it (it never will fit) and tries the next.
  bool form_batch(Replica& rep, BatchShape& shape);
  // The iteration `rep` runs for `dt` seconds from now on `shape` (metrics), `gpu_seconds` ≤ dt of it on the GPU
  // (busy time: a host-bound iteration leaves the GPU idle for dt − gpu_seconds).
  void begin_iteration(Replica& rep, const BatchShape& shape, double dt, double gpu_seconds);
  // Attention data parallelism (Replica::lockstep_first): the ranks of one replica start an iteration together,
  // each on its own batch, and it lasts as long as the slowest rank's (StepTimeModel::lockstep_seconds): SGLang's
  // DP attention and TensorRT-LLM's enable_attention_dp run the MoE layers of all ranks as one collective step,
  // ranks without requests joining with an empty batch.
  void start_lockstep(int first, int size);
  // The tokens, blocks and finishes of `rep`'s iteration that just ended.
  void end_iteration(Replica& rep);
  // Speculative decoding: the drafter proposes k tokens one after the other, each a decode step of the batch's
  // speculating sequences on the drafter.
  double draft_seconds(int pool, const BatchShape& shape) {
    if (!drafters_[pool] || shape.draft_tokens == 0) return 0;
    const int k = dep_.speculative->tokens, seqs = shape.draft_tokens / k;
    const BatchShape step{.decode_seqs = seqs, .decode_context = shape.decode_context, .logit_rows = seqs};
    return k * drafters_[pool]->seconds(step);
  }
  // The iteration on the pool's engine: `engine_shape` is the batch as the engine computes it (engine_batch(),
  // engine_step.h: its own logits rows); a prefilling iteration on an engine that captures only decode runs eagerly.
  BatchShape engine_shape(int pool, const BatchShape& shape) const {
    return engine_batch(shape, dep_.engine, graph_padding_[pool]);
  }
  // `group_prefills`: a rank of a lockstep group whose other ranks prefill launches eagerly with them.
  StepTimeModel& engine_step(int pool, const BatchShape& engine_shape, bool group_prefills = false) {
    return (engine_shape.prefill_tokens > 0 || group_prefills) && prefill_steps_[pool] ? *prefill_steps_[pool]
                                                                                        : *steps_[pool];
  }
  double iteration_seconds(int pool, const BatchShape& engine_shape) {
    return engine_step(pool, engine_shape).seconds(engine_shape);
  }
  double lockstep_iteration_seconds(int pool, const BatchShape& engine_shape, double group_mean_tokens,
                                    bool group_prefills) {
    return engine_step(pool, engine_shape, group_prefills).lockstep_seconds(engine_shape, group_mean_tokens);
  }
  // The engine's host time for the iteration `rep` has formed (ServingDeployment::host_seconds_per_sequence).
  double host_seconds(const Replica& rep) const {
    return dep_.host_seconds_per_sequence * static_cast<double>(rep.batch_sequences());
  }
  void arrive(const ServingRequest& request);
  void start_held_iterations() {
    for (int32_t id : held_starts_) {
      if (!reps_[id].busy) start_iteration(reps_[id]);
    }
    held_starts_.clear();
  }
  // The request in `id` finished or was rejected: its slot returns to the pool.
  void retire(int32_t id);
  void route(int32_t id, int first, int count);
  void on_transfer_end(int32_t id);
  void on_iteration_end(Replica& rep);
  // Requests finished or rejected so far, out of the workload's, to opt_.progress.
  void report_progress() const {
    if (!opt_.progress) return;
    const int64_t done = std::min(arrivals_ - in_system_, total_requests_);
    opt_.progress(static_cast<size_t>(std::max<int64_t>(done, 0)), static_cast<size_t>(total_requests_));
  }

  const ModelSpec& model_;
  const Cluster& cluster_;
  const ServingConfig& cfg_;
  const ServingDeployment& dep_;
  SimulationOptions opt_;
  RequestSource source_;
  int64_t total_requests_ = 0;
  std::vector<std::shared_ptr<StepTimeModel>> steps_;
  std::vector<std::shared_ptr<StepTimeModel>> prefill_steps_;  // per pool; null unless prefills run eagerly (engine_step.h)
  std::vector<std::shared_ptr<StepTimeModel>> drafters_;  // per pool; null without speculative decoding
  std::vector<CudaGraphPadding> graph_padding_;  // per pool: the CUDA graphs it replays (cuda_graph_batches.h)
  std::vector<Role> pool_roles_;
  std::vector<PoolUse> pool_uses_;  // per pool: its hardware, GPUs and price
  std::vector<Replica> reps_;
  std::vector<Req> reqs_;              // slots; a slot is live from arrival to finish or rejection
  std::vector<int32_t> free_slots_;
  std::vector<SchedulerContext> ctxs_;
  std::unique_ptr<MetricsCollector> metrics_;
  std::vector<Event> heap_;
  ServingResult res_;
  int64_t preemptions_ = 0, in_system_ = 0, arrivals_ = 0, max_live_ = 0;
  size_t rr_ = 0;
  bool hold_starts_ = false;           // more arrivals at this instant: idle replicas wait for them (held_starts_)
  std::vector<int32_t> held_starts_;   // replicas to start once this instant's arrivals are queued
  double now_ = 0, transfer_bw_ = 0, transfer_bytes_per_token_ = 0;
  int first_decode_ = 0, entry_count_ = 0, first_pool_engines_ = 0;
  std::vector<BatchShape> lockstep_shapes_;  // start_lockstep's scratch: each rank's batch
  std::vector<BatchShape> lockstep_engine_shapes_;  // ... and as the engine computes it

  // The pool's parallelism fits the model: an Error naming the scenario field otherwise.
  Status check_pool(const PoolConfig& pc, const std::string& tp_field) const;
};
}  // namespace stargate::serving_detail
