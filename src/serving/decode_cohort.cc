#include <algorithm>

#include "replica.h"

namespace stargate::serving_detail {
namespace {

// Replicas whose decodes do per-request work every iteration keep no cohort: drafts to verify (speculative
// decoding); a prefill-pool replica has no decodes.
bool keeps_cohort(const Replica& rep, const SchedulerContext& ctx) {
  return ctx.decode_cohort && ctx.speculative == nullptr && rep.role != Role::prefill;
}

// With prefix caching, a decode publishes its blocks as they fill while they are shareable (publish_full_blocks,
// replica.cc): the blocks of a conversation (session) always, those of a shared prompt up to its end. One that
// will publish nothing more (no session, its next block past the shared prompt: a fixed state while it decodes,
// since nothing it computes from then on is shared) does nothing per iteration and can join.
bool publishes_no_more(const Replica& rep, const Req& r, int block_tokens) {
  if (!rep.cache) return true;
  const int64_t next_block_end = int64_t{r.shared_blocks + 1} * block_tokens;
  return r.session_key == 0 && (r.group_key == 0 || next_block_end > r.group_tokens);
}

void push_event(DecodeCohort& cohort, const CohortEvent& e) {
  cohort.events.push_back(e);
  std::push_heap(cohort.events.begin(), cohort.events.end());
}

CohortEvent pop_event(DecodeCohort& cohort) {
  std::pop_heap(cohort.events.begin(), cohort.events.end());
  const CohortEvent e = cohort.events.back();
  cohort.events.pop_back();
  return e;
}

// `r` (current, between iterations) joins as of the cohort's next iteration i. Its held blocks cover its computed
// tokens, so its first token to open a block comes at iteration first = i + held·bt − computed ≥ i, and then every bt
// iterations; its last token at i + output − 1 − generated. A guaranteed_no_evict reservation of R blocks pays for
// its next R boundaries, the last at first + (R − 1)·bt.
void join(DecodeCohort& cohort, Req& r, int32_t id, int block_tokens) {
  const int64_t i = cohort.iteration;
  r.lazy_since = i;
  cohort.context += r.computed;
  const int64_t first = i + int64_t{r.shared_blocks + r.blocks} * block_tokens - r.computed;
  const int phase = static_cast<int>(first % block_tokens);
  const int64_t last = i + int64_t{r.output} - 1 - r.generated;
  bool reserved_to_the_end = false;
  if (r.reserved_blocks > 0) {
    const int64_t last_reserved = first + int64_t{r.reserved_blocks - 1} * block_tokens;
    reserved_to_the_end = last_reserved >= last;
    ++cohort.reserved_phase[phase];
    if (!reserved_to_the_end) {
      push_event(cohort, {last_reserved + 1, r.admitted, id, CohortEvent::reservation_spent, phase, false});
    }
  } else {
    ++cohort.free_phase[phase];
  }
  push_event(cohort, {last, r.admitted, id, CohortEvent::last_token, phase, reserved_to_the_end});
}

}  // namespace

void dissolve_cohort(Replica& rep, std::vector<Req>& reqs, int block_tokens) {
  DecodeCohort& cohort = rep.cohort;
  for (int32_t i = 0; i < cohort.size; ++i) {
    Req& r = reqs[rep.running[i]];
    materialize(r, cohort, block_tokens);
    r.lazy_since = -1;
  }
  std::fill(cohort.free_phase.begin(), cohort.free_phase.end(), 0);
  std::fill(cohort.reserved_phase.begin(), cohort.reserved_phase.end(), 0);
  cohort.events.clear();
  cohort.finishing.clear();
  cohort.size = 0;
  cohort.scheduled = 0;
  cohort.context = 0;
}

void grow_cohort(Replica& rep, const SchedulerContext& ctx) {
  if (!keeps_cohort(rep, ctx)) return;
  DecodeCohort& cohort = rep.cohort;
  const int block_tokens = ctx.config->block_tokens;
  if (cohort.free_phase.empty()) {
    cohort.free_phase.assign(block_tokens, 0);
    cohort.reserved_phase.assign(block_tokens, 0);
  }
  std::vector<Req>& reqs = *ctx.requests;
  while (static_cast<size_t>(cohort.size) < rep.running.size()) {
    const int32_t id = rep.running[cohort.size];
    Req& r = reqs[id];
    // Decoding: its prompt is computed and its first token out (a prompt one token short of done is not: its next
    // token is its first, which the iteration's end must see).
    const bool decoding = r.generated >= 1 && r.input + r.generated - r.computed == 1;
    // The cohort stays a prefix of running: it is scheduled first, as running's head is.
    if (!decoding || !publishes_no_more(rep, r, block_tokens)) return;
    join(cohort, r, id, block_tokens);
    ++cohort.size;
  }
}

void schedule_cohort(Replica& rep, const SchedulerContext& ctx, BatchShape& shape, int& budget) {
  DecodeCohort& cohort = rep.cohort;
  cohort.scheduled = 0;
  if (cohort.size == 0) return;
  const int block_tokens = ctx.config->block_tokens;
  const int64_t i = cohort.iteration;
  const size_t phase = static_cast<size_t>(i % block_tokens);
  // Request by request, each member would take one token of the budget and then its block, if its phase is due:
  // if they cannot all have them, that iteration preempts or skips someone, and runs request by request.
  const int64_t blocks = int64_t{cohort.free_phase[phase]} + cohort.reserved_phase[phase];
  if (cohort.size > budget || blocks > rep.blocks_free) {
    dissolve_cohort(rep, *ctx.requests, block_tokens);
    return;
  }
  while (!cohort.events.empty() && cohort.events.front().iteration <= i) {
    const CohortEvent e = pop_event(cohort);
    if (e.kind == CohortEvent::reservation_spent) {  // its boundaries from now on draw on the free blocks
      --cohort.reserved_phase[e.phase];
      ++cohort.free_phase[e.phase];
    } else {
      cohort.finishing.push_back(e);
    }
  }
  const int32_t from_reserve = cohort.reserved_phase[phase];
  rep.blocks_free -= blocks;
  rep.blocks_reserved -= from_reserve;
  if (rep.cache && blocks > 0) rep.cache->take(blocks);  // evicts from the free queue's head, as one by one
  for (const CohortEvent& e : cohort.finishing) {  // their last block is taken: they leave the counts
    --(e.reserved ? cohort.reserved_phase : cohort.free_phase)[e.phase];
  }
  const int32_t members = cohort.size;
  shape.decode_seqs += members;
  shape.decode_context += static_cast<double>(cohort.context + members);  // Σ (computed + 1)
  shape.logit_rows += members;
  budget -= members;
  cohort.scheduled = members;
}

}  // namespace stargate::serving_detail
