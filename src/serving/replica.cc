#include "replica.h"

#include <algorithm>

#include "prefix_sharing.h"

namespace stargate::serving_detail {

void IdQueue::push_front(int32_t id) {
  if (head_ > 0) {
    buf_[--head_] = id;
  } else {
    buf_.insert(buf_.begin(), id);
  }
}

namespace {

// guaranteed_no_evict: the tokens of KV `r` holds at its largest on a replica of `role`.
int64_t footprint_tokens(const Req& r, Role role, int draft_tokens) {
  return role == Role::prefill ? int64_t{r.input} : int64_t{r.input} + r.output + draft_tokens;
}

// Draft tokens `r` verifies if scheduled now: k when it decodes (one token left to compute) under speculation.
int drafts_for(const Req& r, const SchedulerContext& ctx) {
  const bool decoding = r.computed > 0 && r.input + r.generated - r.computed == 1;
  return ctx.speculative && decoding ? ctx.speculative->tokens : 0;
}

// Frees `r`'s private blocks, then what it holds through the prefix cache (vLLM frees a request's blocks deepest
// first, so its private tail is evicted before the shared prefix).
void free_all_blocks(Replica& rep, Req& r, int block_tokens) {
  rep.blocks_free += r.blocks;
  if (rep.cache) {
    rep.cache->give(r.blocks);
    release_prefix_blocks(rep, r, block_tokens);
  }
  r.blocks = 0;
}

// Prefix caching: the full blocks `r` holds KV for once `tokens` are computed join the cache. Called for every
// scheduled request of every iteration, so it first checks, without a division, that a next block to share exists.
void publish_full_blocks(Replica& rep, Req& r, int64_t tokens, int block_tokens) {
  if (!rep.cache) return;
  const int64_t next_block_end = int64_t{r.shared_blocks + 1} * block_tokens;  // tokens that fill one more block
  if (tokens < next_block_end) return;
  if (r.session_key == 0 && (r.group_key == 0 || next_block_end > r.group_tokens)) return;  // past what it shares
  share_prefix_blocks(rep, r, block_tokens, static_cast<int32_t>(tokens / block_tokens), true);
}

void drop_reservation(Replica& rep, Req& r) {
  rep.blocks_reserved -= r.reserved_blocks;
  r.reserved_blocks = 0;
}

void add_to_shape(BatchShape& shape, const Req& r, int chunk, int drafts) {
  if (chunk == 1 && r.computed > 0) {
    ++shape.decode_seqs;
    shape.decode_context += r.computed + 1;
    shape.draft_tokens += drafts;
    shape.logit_rows += drafts;
  } else {
    shape.prefill_tokens += chunk;
    shape.prefill_pairs += double(chunk) * r.computed + double(chunk) * chunk / 2;
  }
  if (r.computed + chunk == r.input + r.generated) ++shape.logit_rows;
}

void preempt(Replica& rep, Req& r, int32_t id, const SchedulerContext& ctx) {
  ++*ctx.preemptions;
  if (ctx.config->preemption == PreemptionMode::swap) {
    r.swapped_blocks = r.blocks + r.shared_blocks;  // all its KV goes to host memory, shared blocks included
    rep.swap_bytes += double(r.computed) * ctx.kv_bytes_per_token;
  } else {
    r.computed = 0;  // recompute: prompt and generated tokens are prefilled again
  }
  free_all_blocks(rep, r, ctx.config->block_tokens);
  drop_reservation(rep, r);
  rep.waiting.push_front(id);
}

}  // namespace

void release_blocks(Replica& replica, Req& r, int block_tokens) {
  free_all_blocks(replica, r, block_tokens);
  drop_reservation(replica, r);
}

namespace {

// `r` computes `chunk` tokens (+ `drafts` draft tokens) this iteration; its blocks are allocated already.
void schedule(Replica& rep, Req& r, int32_t id, int chunk, int drafts, BatchShape& shape, int& budget) {
  add_to_shape(shape, r, chunk, drafts);
  rep.scheduled.push_back(id);
  rep.chunks.push_back(chunk);
  rep.drafted.push_back(drafts);
  budget -= chunk + drafts;
}

// The running requests after the decode cohort, in admission order, each a chunk of what it has left; returns
// whether one was preempted (never a cohort member: victims are taken from the back, down to the request at hand).
bool schedule_running(Replica& rep, const SchedulerContext& ctx, BatchShape& shape, int& budget) {
  const SchedulerConfig& cfg = *ctx.config;
  std::vector<Req>& reqs = *ctx.requests;
  bool preempted = false;
  for (size_t i = static_cast<size_t>(rep.cohort.size); i < rep.running.size() && budget > 0; ++i) {
    if (i + kPrefetchAhead < rep.running.size()) prefetch_request(reqs, rep.running[i + kPrefetchAhead]);
    const int32_t id = rep.running[i];
    Req& r = reqs[id];
    const int remaining = r.input + r.generated - r.computed;
    const int chunk = cfg.chunked_prefill ? std::min(remaining, budget) : remaining;
    const int drafts = drafts_for(r, ctx);
    if (chunk + drafts > budget) continue;
    const int32_t need = blocks_needed(r, r.computed + chunk + drafts, cfg.block_tokens);
    while (need > rep.blocks_free) {
      const int32_t victim = rep.running.back();
      rep.running.pop_back();
      preempt(rep, reqs[victim], victim, ctx);
      preempted = true;
      if (victim == id) return true;  // everything after it was preempted too
    }
    allocate(rep, r, need);
    publish_full_blocks(rep, r, r.computed + chunk, cfg.block_tokens);
    schedule(rep, r, id, chunk, drafts, shape, budget);
  }
  return preempted;
}

// Admits the first waiting request when the token budget and the KV blocks allow; false when it cannot (FCFS:
// nothing behind it is admitted either).
bool admit_first_waiting(Replica& rep, const SchedulerContext& ctx, BatchShape& shape, int& budget) {
  const SchedulerConfig& cfg = *ctx.config;
  const int32_t id = rep.waiting.front();
  Req& r = (*ctx.requests)[id];
  const bool swapped = r.swapped_blocks > 0;
  int32_t hit_blocks = 0;
  int64_t hit_free_blocks = 0;  // cached blocks of the hit that no request holds: they stop being free
  const bool looks_up = !swapped && r.computed == 0 && rep.cache;
  if (looks_up) {
    hit_blocks = prefix_hit_blocks(*rep.cache, r, cfg.block_tokens, (r.input + r.generated - 1) / cfg.block_tokens);
    hit_free_blocks = prefix_free_blocks(*rep.cache, r, cfg.block_tokens, hit_blocks);
    r.computed = hit_blocks * cfg.block_tokens;  // prefix-cache hit: these tokens are not computed again
    r.shared_blocks = hit_blocks;                // tentatively, for the block counts below
  }
  const int remaining = r.input + r.generated - r.computed;
  const int chunk = cfg.chunked_prefill ? std::min(remaining, budget) : remaining;
  const int drafts = drafts_for(r, ctx);
  const int32_t need = blocks_needed(r, r.computed + chunk + drafts, cfg.block_tokens);
  const bool no_evict = cfg.capacity_policy == CapacityPolicy::guaranteed_no_evict;
  const int draft_room = ctx.speculative ? ctx.speculative->tokens : 0;
  const int32_t whole =
      no_evict ? blocks_needed(r, footprint_tokens(r, rep.role, draft_room), cfg.block_tokens) : need;
  if (chunk + drafts > budget || std::max(need, whole) + hit_free_blocks > rep.blocks_free - rep.blocks_reserved) {
    if (looks_up) r.computed = 0, r.shared_blocks = 0;
    return false;
  }
  rep.waiting.pop_front();
  if (hit_blocks > 0) {
    r.shared_blocks = 0;
    share_prefix_blocks(rep, r, cfg.block_tokens, hit_blocks, false);
  }
  if (rep.cache && !r.prefix_counted) {
    r.prefix_counted = true;
    rep.prefix_query_tokens += r.input;
    rep.prefix_hit_tokens += int64_t{hit_blocks} * cfg.block_tokens;
  }
  if (swapped) {
    rep.swap_bytes += double(r.computed) * ctx.kv_bytes_per_token;
    r.swapped_blocks = 0;
  }
  allocate(rep, r, need);
  publish_full_blocks(rep, r, r.computed + chunk, cfg.block_tokens);
  r.reserved_blocks = std::max(0, whole - need);
  rep.blocks_reserved += r.reserved_blocks;
  r.admitted = rep.admissions++;
  rep.running.push_back(id);
  schedule(rep, r, id, chunk, drafts, shape, budget);
  return true;
}

}  // namespace

BatchShape form_iteration(Replica& rep, const SchedulerContext& ctx) {
  BatchShape shape;
  rep.scheduled.clear();
  rep.chunks.clear();
  rep.drafted.clear();
  rep.swap_bytes = 0;
  int budget = ctx.config->max_batch_tokens;
  schedule_cohort(rep, ctx, shape, budget);
  const bool preempted = schedule_running(rep, ctx, shape, budget);
  while (!preempted && !rep.waiting.empty() && budget > 0 &&
         static_cast<int>(rep.running.size()) < ctx.config->max_batch_sequences &&
         admit_first_waiting(rep, ctx, shape, budget)) {
  }
  return shape;
}

}  // namespace stargate::serving_detail
