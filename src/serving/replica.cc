#include "replica.h"

#include <algorithm>

namespace stargate::serving_detail {

void IdQueue::push_front(int32_t id) {
  if (head_ > 0) {
    buf_[--head_] = id;
  } else {
    buf_.insert(buf_.begin(), id);
  }
}

namespace {

int32_t blocks_for(int64_t tokens, int block_tokens) {
  return static_cast<int32_t>((tokens + block_tokens - 1) / block_tokens);
}

// Blocks `r` must add to hold `tokens` tokens of KV.
int32_t blocks_needed(const Req& r, int64_t tokens, int block_tokens) {
  return std::max(0, blocks_for(tokens, block_tokens) - r.shared_blocks - r.blocks);
}

// guaranteed_no_evict: the tokens of KV `r` holds at its largest on a replica of `role`.
int64_t footprint_tokens(const Req& r, Role role, int draft_tokens) {
  return role == Role::prefill ? int64_t{r.input} : int64_t{r.input} + r.output + draft_tokens;
}

// Draft tokens `r` verifies if scheduled now: k when it decodes (one token left to compute) under speculation.
int drafts_for(const Req& r, const SchedulerContext& ctx) {
  const bool decoding = r.computed > 0 && r.input + r.generated - r.computed == 1;
  return ctx.speculative && decoding ? ctx.speculative->tokens : 0;
}

// Allocates `need` blocks to `r`, drawing on its reservation first.
void allocate(Replica& rep, Req& r, int32_t need) {
  const int32_t from_reserve = std::min(need, r.reserved_blocks);
  r.reserved_blocks -= from_reserve;
  rep.blocks_reserved -= from_reserve;
  rep.blocks_free -= need;
  r.blocks += need;
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
    r.swapped_blocks = r.blocks;
    rep.swap_bytes += double(r.computed) * ctx.kv_bytes_per_token;
  } else {
    r.computed = 0;  // recompute: prompt and generated tokens are prefilled again
  }
  rep.blocks_free += r.blocks;
  r.blocks = 0;
  drop_reservation(rep, r);
  if (r.swapped_blocks == 0) r.shared_blocks = 0;
  rep.waiting.push_front(id);
}

}  // namespace

void release_blocks(Replica& replica, Req& r) {
  replica.blocks_free += r.blocks;
  r.blocks = 0;
  drop_reservation(replica, r);
  r.shared_blocks = 0;
}

BatchShape form_iteration(Replica& rep, const SchedulerContext& ctx) {
  const SchedulerConfig& cfg = *ctx.config;
  std::vector<Req>& reqs = *ctx.requests;
  BatchShape shape;
  rep.scheduled.clear();
  rep.chunks.clear();
  rep.drafted.clear();
  rep.swap_bytes = 0;
  int budget = cfg.max_batch_tokens;
  bool preempted = false;
  for (size_t i = 0; i < rep.running.size() && budget > 0;) {
    const int32_t id = rep.running[i];
    Req& r = reqs[id];
    const int remaining = r.input + r.generated - r.computed;
    const int chunk = cfg.chunked_prefill ? std::min(remaining, budget) : remaining;
    const int drafts = drafts_for(r, ctx);
    if (chunk + drafts > budget) {
      ++i;
      continue;
    }
    int32_t need = blocks_needed(r, r.computed + chunk + drafts, cfg.block_tokens);
    bool self_preempted = false;
    while (need > rep.blocks_free) {
      const int32_t victim = rep.running.back();
      rep.running.pop_back();
      preempt(rep, reqs[victim], victim, ctx);
      preempted = true;
      if (victim == id) {
        self_preempted = true;
        break;
      }
    }
    if (self_preempted) break;  // everything after it was preempted too
    allocate(rep, r, need);
    add_to_shape(shape, r, chunk, drafts);
    rep.scheduled.push_back(id);
    rep.chunks.push_back(chunk);
    rep.drafted.push_back(drafts);
    budget -= chunk + drafts;
    ++i;
  }
  const int prefix_blocks = ctx.prefix_tokens / cfg.block_tokens;
  while (!preempted && !rep.waiting.empty() && budget > 0 &&
         static_cast<int>(rep.running.size()) < cfg.max_batch_sequences) {
    const int32_t id = rep.waiting.front();
    Req& r = reqs[id];
    const bool swapped = r.swapped_blocks > 0;
    const int32_t saved_computed = r.computed;
    if (!swapped && r.computed == 0 && rep.prefix_ready && prefix_blocks > 0 && ctx.prefix_tokens < r.input) {
      r.computed = prefix_blocks * cfg.block_tokens;  // prefix-cache hit: these tokens are not recomputed
      r.shared_blocks = prefix_blocks;
    }
    const int remaining = r.input + r.generated - r.computed;
    const int chunk = cfg.chunked_prefill ? std::min(remaining, budget) : remaining;
    const int drafts = drafts_for(r, ctx);
    const int32_t need = blocks_needed(r, r.computed + chunk + drafts, cfg.block_tokens);
    const bool no_evict = cfg.capacity_policy == CapacityPolicy::guaranteed_no_evict;
    const int draft_room = ctx.speculative ? ctx.speculative->tokens : 0;
    const int32_t whole =
        no_evict ? blocks_needed(r, footprint_tokens(r, rep.role, draft_room), cfg.block_tokens) : need;
    if (chunk + drafts > budget || std::max(need, whole) > rep.blocks_free - rep.blocks_reserved) {
      r.computed = saved_computed;
      if (!swapped && saved_computed == 0) r.shared_blocks = 0;
      break;
    }
    rep.waiting.pop_front();
    if (swapped) {
      rep.swap_bytes += double(r.computed) * ctx.kv_bytes_per_token;
      r.swapped_blocks = 0;
    }
    allocate(rep, r, need);
    r.reserved_blocks = std::max(0, whole - need);
    rep.blocks_reserved += r.reserved_blocks;
    rep.running.push_back(id);
    add_to_shape(shape, r, chunk, drafts);
    rep.scheduled.push_back(id);
    rep.chunks.push_back(chunk);
    rep.drafted.push_back(drafts);
    budget -= chunk + drafts;
  }
  return shape;
}

}  // namespace stargate::serving_detail
