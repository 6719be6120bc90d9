#include "serving_run.h"

#include <cmath>

#include "prefix_sharing.h"
#include "speculative.h"
#include "stargate/core/units.h"
#include "stargate/core/value_limits.h"
#include "stargate/serving/kv_transfer.h"

namespace stargate::serving_detail {
namespace {

struct PoolSetup {
  PoolConfig pool;
  Role role;
  const char* field;  // the scenario field of the pool's tp, for errors
  const char* name;   // ServingPoolResult::role
};

std::vector<PoolSetup> pool_setups(const ServingDeployment& dep) {
  if (dep.disaggregated()) {
    return {{*dep.prefill_pool, Role::prefill, "serving.prefill.tp", "prefill"},
            {*dep.decode_pool, Role::decode, "serving.decode.tp", "decode"}};
  }
  return {{dep.pool, Role::mixed, "serving.tp", "mixed"}};
}

}  // namespace

Status ServingRun::check_pool(const PoolConfig& pc, const std::string& tp_field) const {
  const std::string prefix = tp_field.substr(0, tp_field.size() - 2);  // "serving.decode."
  auto fail = [&](const std::string& field, const std::string& reason) {
    return Status(Error{ErrorKind::invalid_input, reason, prefix + field, {}});
  };
  if (pc.tp < 1 || pc.replicas < 1) return fail("tp", "tp and replicas must be at least 1");
  if (pc.attention_dp < 1 || pc.tp % pc.attention_dp != 0) {
    return fail("attention_dp", std::to_string(pc.attention_dp) + " attention ranks do not divide tp " + std::to_string(pc.tp));
  }
  const int atp = pc.tp / pc.attention_dp;
  if (model_.heads % atp != 0) {
    return fail(pc.attention_dp > 1 ? "attention_dp" : "tp",
                "attention tensor parallelism " + std::to_string(atp) + " does not divide " +
                    std::to_string(model_.heads) + " attention heads");
  }
  if (pc.ep < 1 || pc.tp % pc.ep != 0) {
    return fail("ep", std::to_string(pc.ep) + " expert-parallel GPUs do not divide tp " + std::to_string(pc.tp));
  }
  if (pc.ep > 1 && !model_.is_moe()) return fail("ep", "the model has no experts (ep needs a MoE model)");
  if (model_.is_moe() && (pc.ep > 1 || pc.attention_dp > 1)) {
    const int slots = model_.moe->routed_experts + dep_.moe.redundant_experts;
    if (slots % pc.ep != 0) {
      return fail("ep", std::to_string(pc.ep) + " does not divide the " + std::to_string(model_.moe->routed_experts) +
                            " routed experts + " + std::to_string(dep_.moe.redundant_experts) + " redundant");
    }
  }
  return Status::success();
}

Status ServingRun::build_replicas(const ServingRun* same_pools) {
  const std::vector<PoolSetup> setups = pool_setups(dep_);
  for (size_t p = 0; p < setups.size(); ++p) {
    const PoolConfig& pc = setups[p].pool;
    if (Status valid = check_pool(pc, setups[p].field); !valid.ok()) return valid;
    const Cluster hardware = pool_cluster(cluster_, pc);
    const bool speculates = dep_.speculative && setups[p].role != Role::prefill;
    if (same_pools) {  // its step models, with the step times they have memoized
      steps_.push_back(same_pools->steps_[p]);
      prefill_steps_.push_back(same_pools->prefill_steps_[p]);
      drafters_.push_back(same_pools->drafters_[p]);
    } else {
      steps_.push_back(std::make_shared<StepTimeModel>(model_, hardware, engine_step_options(dep_, pc, false)));
      const bool eager_prefill = dep_.cuda_graphs && dep_.eager_prefill;
      prefill_steps_.push_back(eager_prefill ? std::make_shared<StepTimeModel>(model_, hardware,
                                                                               engine_step_options(dep_, pc, true))
                                             : nullptr);
      drafters_.push_back(speculates ? std::make_shared<StepTimeModel>(drafter_model(model_, *dep_.speculative),
                                                                       hardware, steps_.back()->options())
                                     : nullptr);
    }
    const StepTimeModel& st = *steps_.back();
    graph_padding_.push_back(
        dep_.cuda_graphs ? cuda_graph_padding(dep_.cuda_graph_batches,
                                              {.max_batch_sequences = cfg_.scheduler.max_batch_sequences,
                                               .max_batch_tokens = cfg_.scheduler.max_batch_tokens,
                                               .tp = pc.tp, .hbm_bytes = hardware.accelerator.hbm_capacity_bytes,
                                               .decode_query_tokens = speculates ? 1 + dep_.speculative->tokens : 1})
                         : CudaGraphPadding{});
    pool_roles_.push_back(setups[p].role);
    const double drafter_weights =
        speculates ? drafter_weight_bytes_per_gpu(model_, *dep_.speculative, dep_.weights, st.engine_gpus() * pc.pp) : 0;
    const double drafter_kv = speculates ? drafters_.back()->kv_bytes_per_token_per_gpu() : 0;
    const double usable = cfg_.scheduler.usable_hbm_bytes(hardware.accelerator) - st.weight_bytes_per_gpu() -
                          drafter_weights - st.activation_bytes_per_gpu(cfg_.scheduler.max_batch_tokens);
    const double block_bytes = (st.kv_bytes_per_token_per_gpu() + drafter_kv) * cfg_.scheduler.block_tokens;
    const int64_t blocks = usable > 0 && block_bytes > 0 ? static_cast<int64_t>(std::min(usable / block_bytes, 1e15)) : 0;
    if (blocks < 1) {
      return Error{ErrorKind::invalid_input,
                   "weights (" + format_quantity(st.weight_bytes_per_gpu() + drafter_weights, Dimension::bytes) +
                       " per GPU" + (speculates ? ", the drafter's included" : "") +
                       ") and activations leave no HBM for the KV cache; raise tp or use fp8 weights",
                   setups[p].field, {}};
    }
    res_.kv_blocks_per_replica = blocks;
    res_.weight_bytes_per_gpu = st.weight_bytes_per_gpu();
    res_.kv_bytes_per_token_per_gpu = st.kv_bytes_per_token_per_gpu();
    const int gpus = pc.replicas * pc.tp * pc.pp;
    pool_uses_.push_back({.cluster = hardware, .tp = pc.tp / pc.attention_dp, .replicas = pc.replicas, .gpus = gpus,
                          .price = dep_.pool_price(pc)});
    if (dep_.disaggregated()) {
      res_.pools.push_back({.role = setups[p].name, .accelerator = hardware.accelerator.id, .node = hardware.node.id,
                            .replicas = pc.replicas, .tp = pc.tp, .gpus = gpus, .attention_dp = pc.attention_dp,
                            .ep = pc.ep, .kv_blocks_per_replica = blocks,
                            .weight_bytes_per_gpu = st.weight_bytes_per_gpu(),
                            .kv_bytes_per_token_per_gpu = st.kv_bytes_per_token_per_gpu(),
                            .gpu_hour_cost = dep_.pool_price(pc)});
    }
    // A pipelined replica runs as pp engines, and each attention rank as one more (PoolConfig).
    const int engines = pc.replicas * pc.pp * pc.attention_dp;
    if (p == 0) first_pool_engines_ = engines;
    const int pool_first = static_cast<int>(reps_.size());
    for (int i = 0; i < engines; ++i) {
      Replica r;
      r.id = static_cast<int>(reps_.size());
      if (pc.attention_dp > 1) {
        r.lockstep_first = pool_first + i / pc.attention_dp * pc.attention_dp;
        r.lockstep_size = pc.attention_dp;
      }
      r.role = setups[p].role;
      r.pool = static_cast<int>(p);
      r.blocks_total = r.blocks_free = blocks;
      if (cfg_.scheduler.prefix_caching && r.role != Role::decode) r.cache = std::make_unique<PrefixCache>(blocks);
      r.running.reserve(cfg_.scheduler.max_batch_sequences + 1);
      r.scheduled.reserve(cfg_.scheduler.max_batch_sequences + 1);
      r.chunks.reserve(cfg_.scheduler.max_batch_sequences + 1);
      reps_.push_back(std::move(r));
    }
  }
  first_decode_ = dep_.disaggregated() ? first_pool_engines_ : 0;
  entry_count_ = dep_.disaggregated() ? first_pool_engines_ : static_cast<int>(reps_.size());
  return plan_kv_transfer();
}

Status ServingRun::plan_kv_transfer() {
  if (!dep_.disaggregated()) return Status::success();
  transfer_bw_ = kv_transfer_bandwidth(dep_, cluster_);
  if (!(transfer_bw_ > 0)) {
    return Error{ErrorKind::invalid_input, "no KV transfer bandwidth (the nodes' NIC bandwidth is zero)",
                 "serving.kv_transfer_bandwidth", {}};
  }
  transfer_bytes_per_token_ =
      kv_transfer_bytes_per_token_per_gpu(steps_[0]->kv_bytes_per_token_per_gpu(), steps_[1]->kv_bytes_per_token_per_gpu());
  res_.kv_transfer_bandwidth = transfer_bw_;
  res_.kv_transfer_bytes_per_token_per_gpu = transfer_bytes_per_token_;
  return Status::success();
}

void ServingRun::prepare() {
  for (size_t p = 0; p < steps_.size(); ++p) {
    const SpeculativeDecoding* spec = drafters_[p] ? &*dep_.speculative : nullptr;
    ctxs_.push_back({&cfg_.scheduler, steps_[p]->kv_bytes_per_token_per_gpu(), &reqs_, &preemptions_, spec,
                     opt_.decode_cohort});
  }
  metrics_ = std::make_unique<MetricsCollector>(cfg_, opt_);
  heap_.reserve(reps_.size() + 16);
}

void ServingRun::arrive(const ServingRequest& request) {
  int32_t id;
  if (free_slots_.empty()) {
    id = static_cast<int32_t>(reqs_.size());
    reqs_.emplace_back();
  } else {
    id = free_slots_.back();
    free_slots_.pop_back();
  }
  Req& r = reqs_[id];
  r = Req{.input = std::max(1, request.input_tokens),
          .output = std::max(1, request.output_tokens),
          .draft_state = dep_.speculative ? speculation_seed(cfg_.workload.seed, arrivals_) : 0,
          .seq = arrivals_,
          .arrival = request.arrival};
  ++arrivals_;
  if (cfg_.scheduler.prefix_caching) set_prefix_identity(r, request);
  max_live_ = std::max(max_live_, static_cast<int64_t>(reqs_.size() - free_slots_.size()));
  ++in_system_;
  metrics_->arrived(r);
  route(id, 0, entry_count_);
}

void ServingRun::retire(int32_t id) {
  --in_system_;
  metrics_->retired(reqs_[id]);
  free_slots_.push_back(id);
}

bool ServingRun::form_batch(Replica& rep, BatchShape& shape) {
  while (true) {
    shape = form_iteration(rep, ctxs_[rep.pool]);
    if (rep.batch_sequences() > 0) return true;
    if (!rep.running.empty() || rep.waiting.empty()) return false;
    // An idle replica that cannot admit its first waiting request never will: the request exceeds the cache.
    const int32_t id = rep.waiting.front();
    rep.waiting.pop_front();
    --rep.outstanding;
    metrics_->rejected(reqs_[id], now_);
    retire(id);
  }
}

void ServingRun::begin_iteration(Replica& rep, const BatchShape& shape, double dt, double gpu_seconds) {
  rep.busy = true;
  rep.iteration_start = now_;
  rep.busy_time += gpu_seconds;
  // Model FLOPs and bytes of the real rows (CUDA-graph padding is not the model's work).
  IterationWork work = steps_[rep.pool]->work(engine_batch(shape, dep_.engine));
  const double engine_gpus = steps_[rep.pool]->engine_gpus();
  metrics_->iteration(rep, shape, now_, dt,
                      {.flops_per_gpu = work.flops_per_gpu * engine_gpus,
                       .hbm_bytes_per_gpu = work.hbm_bytes_per_gpu * engine_gpus});
}

void ServingRun::start_iteration(Replica& rep) {
  if (rep.lockstep_size > 1) return start_lockstep(rep.lockstep_first, rep.lockstep_size);
  BatchShape shape;
  if (!form_batch(rep, shape)) {
    rep.busy = false;
    return;
  }
  const double swap_s = rep.swap_bytes > 0 ? rep.swap_bytes / cfg_.scheduler.swap_bandwidth : 0;
  const double gpu = iteration_seconds(rep.pool, engine_shape(rep.pool, shape)) + draft_seconds(rep.pool, shape) + swap_s;
  const double dt = std::max(gpu, host_seconds(rep));
  begin_iteration(rep, shape, dt, gpu);
  push(now_ + dt, kIterationEnd, rep.id);
}

void ServingRun::start_lockstep(int first, int size) {
  lockstep_shapes_.resize(static_cast<size_t>(size));
  lockstep_engine_shapes_.resize(static_cast<size_t>(size));
  const CudaGraphPadding& padding = graph_padding_[reps_[first].pool];
  bool any = false, any_prefill = false;
  int group_key = 0;  // the largest rank's sequences (tokens for token-sized graphs)
  for (int j = 0; j < size; ++j) {
    Replica& rep = reps_[first + j];
    BatchShape& shape = lockstep_shapes_[j];
    if (form_batch(rep, shape)) {
      any = true;
      any_prefill = any_prefill || shape.prefill_tokens > 0;
      group_key = std::max(group_key, cuda_graph_key(shape, padding));
    } else {
      shape = BatchShape{};
    }
  }
  if (!any) {
    for (int j = 0; j < size; ++j) reps_[first + j].busy = false;
    return;
  }
  // The ranks replay one CUDA graph, the largest rank's (SGLang pads to the max of global_num_tokens, TensorRT-LLM's
  // attention DP to the largest rank's batch), and with sequence-sized graphs only when no rank prefills.
  static const CudaGraphPadding kNoPadding;
  const CudaGraphPadding& group_padding = any_prefill && !padding.pads_mixed ? kNoPadding : padding;
  double tokens = 0;
  for (int j = 0; j < size; ++j) {
    lockstep_engine_shapes_[j] = engine_batch(lockstep_shapes_[j], dep_.engine, group_padding, group_key);
    tokens += lockstep_engine_shapes_[j].tokens();
  }
  const double mean_tokens = tokens / size;
  double gpu = 0, host = 0;  // the slowest rank's GPU step (the ranks meet in every MoE layer) and host time
  for (int j = 0; j < size; ++j) {
    const Replica& rep = reps_[first + j];
    const BatchShape& shape = lockstep_shapes_[j];
    if (rep.batch_sequences() == 0) continue;  // an empty batch: the MoE layers only, never the slowest rank
    const double swap_s = rep.swap_bytes > 0 ? rep.swap_bytes / cfg_.scheduler.swap_bandwidth : 0;
    gpu = std::max(gpu, lockstep_iteration_seconds(rep.pool, lockstep_engine_shapes_[j], mean_tokens, any_prefill) +
                            draft_seconds(rep.pool, shape) + swap_s);
    host = std::max(host, host_seconds(rep));  // each rank's executor prepares its own requests
  }
  const double dt = std::max(gpu, host);
  for (int j = 0; j < size; ++j) {
    Replica& rep = reps_[first + j];
    if (rep.batch_sequences() > 0) {
      begin_iteration(rep, lockstep_shapes_[j], dt, gpu);
    } else {  // held by the others' iteration: busy in their collectives, nothing of its own computed
      rep.busy = true;
      rep.iteration_start = now_;
      rep.busy_time += gpu;
    }
  }
  push(now_ + dt, kIterationEnd, first);
}

void ServingRun::route(int32_t id, int first, int count) {
  int best = first + static_cast<int>(rr_++ % count);
  if (dep_.router != RouterPolicy::round_robin) {
    for (int i = first; i < first + count; ++i) {
      if (reps_[i].outstanding < reps_[best].outstanding) best = i;
    }
  }
  if (dep_.router == RouterPolicy::prefix_aware) {
    best = prefix_affine_replica(reps_, reqs_[id], first, count, best, cfg_.scheduler.block_tokens);
  }
  Replica& rep = reps_[best];
  reqs_[id].replica = best;
  ++rep.outstanding;
  rep.waiting.push_back(id);
  if (rep.busy) return;
  if (hold_starts_) {
    held_starts_.push_back(rep.id);
  } else {
    start_iteration(rep);
  }
}

void ServingRun::on_transfer_end(int32_t id) {
  Req& r = reqs_[id];
  Replica& from = reps_[r.replica];
  release_blocks(from, r, cfg_.scheduler.block_tokens);
  --from.outstanding;
  r.computed = r.input;  // KV of the prompt arrives with the request; the first token is already out
  route(id, first_decode_, static_cast<int>(reps_.size()) - first_decode_);
  if (!from.busy) start_iteration(from);
}

void ServingRun::on_iteration_end(Replica& rep) {
  if (rep.lockstep_size > 1) {
    for (int j = 0; j < rep.lockstep_size; ++j) {
      Replica& rank = reps_[rep.lockstep_first + j];
      if (rank.batch_sequences() > 0) end_iteration(rank);
    }
    start_lockstep(rep.lockstep_first, rep.lockstep_size);
    return;
  }
  end_iteration(rep);
  start_iteration(rep);
}

void ServingRun::end_iteration(Replica& rep) {
  finish_iteration(rep, ctxs_[rep.pool], [&](int32_t id) {
    Req& r = reqs_[id];
    if (r.generated == 1) r.first_token = now_;
    if (r.generated >= r.output) {
      r.finish = now_;
      ++r.completions;
      r.replica = rep.id;
      release_blocks(rep, r, cfg_.scheduler.block_tokens);
      --rep.outstanding;
      metrics_->finished(r, now_);
      retire(id);  // finish_iteration still reads the slot to drop it from running: it is not reused before
    } else if (rep.role == Role::prefill) {
      const double bytes = double(r.computed) * transfer_bytes_per_token_;
      push(now_ + bytes / transfer_bw_, kTransferEnd, id);
    }
  });
}

Status ServingRun::run() {
  Status status = run_events();
  for (Replica& rep : reps_) dissolve_cohort(rep, reqs_, cfg_.scheduler.block_tokens);  // every request's counts current for what reads them
  return status;
}

Status ServingRun::run_events() {
  const double start = source_.empty() ? 0 : source_.peek().arrival;
  while (!source_.empty() || !heap_.empty()) {
    const bool arrival = !source_.empty() && (heap_.empty() || source_.peek().arrival <= heap_.front().time);
    const double t = arrival ? source_.peek().arrival : heap_.front().time;
    if (t - start > serving_limits::max_simulated_seconds || res_.events >= serving_limits::max_events) {
      return Error{ErrorKind::invalid_input,
                   "the simulation passed its limit of " +
                       format_quantity(serving_limits::max_simulated_seconds, Dimension::time) +
                       " of simulated span or " + std::to_string(serving_limits::max_events) +
                       " events; simulate fewer requests, shorter ones, or a higher rate",
                   "serving.workload", {}};
    }
    if (max_live_ > serving_limits::max_live_requests) {
      return Error{ErrorKind::invalid_input,
                   "more than " + std::to_string(serving_limits::max_live_requests) +
                       " requests in flight at once: the load far exceeds the deployment's capacity; lower the rate"
                       " or add replicas",
                   "serving.workload", {}};
    }
    metrics_->advance(t, in_system_, reps_);
    now_ = t;
    if (++res_.events % kSimulationProgressEvents == 0) report_progress();
    if (arrival) {
      // Requests arriving at the same instant are all queued before an idle replica starts an iteration: an
      // offline batch starts as one batch, as an engine handed all its requests at once does.
      const ServingRequest request = source_.pop();
      hold_starts_ = !source_.empty() && source_.peek().arrival == t;
      arrive(request);
      if (!hold_starts_) start_held_iterations();
      continue;
    }
    const Event ev = heap_.front();
    std::pop_heap(heap_.begin(), heap_.end());
    heap_.pop_back();
    if (ev.kind == kTransferEnd) {
      on_transfer_end(ev.id);
    } else {
      on_iteration_end(reps_[ev.id]);
    }
  }
  metrics_->advance(now_, in_system_, reps_);
  report_progress();
  return Status::success();
}

void ServingRun::retire_stuck() {
  std::vector<bool> free(reqs_.size(), false);
  for (int32_t id : free_slots_) free[id] = true;
  for (size_t id = 0; id < reqs_.size(); ++id) {
    if (!free[id]) metrics_->retired(reqs_[id]);
  }
}

ServingResult ServingRun::finish() {
  res_.preemptions = preemptions_;
  res_.requests = arrivals_;
  res_.max_live_requests = max_live_;
  std::vector<ReplicaUse> uses;
  uses.reserve(reps_.size());
  for (const Replica& r : reps_) uses.push_back(replica_use(r));
  metrics_->summarize(res_, pool_uses_, uses, now_);
  return std::move(res_);
}

}  // namespace stargate::serving_detail
