#pragma once
// Internal: one replica's state and its iteration-level scheduler (vLLM-style).
//
// Contract of form_iteration(): running requests first, in admission order, each computing
// min(remaining, budget) tokens (remaining = input + generated − computed: 1 for a decode, more for a prefill or a
// recompute); when the KV cache cannot grow, the most recently admitted running request is preempted. Then, if
// nothing was preempted, waiting requests are admitted FCFS while sequences, tokens and KV blocks allow (no
// skipping ahead). finish_iteration() advances every scheduled request by its chunk.
// Under CapacityPolicy::guaranteed_no_evict a waiting request is admitted only when the blocks of its whole
// footprint (prompt + maximum output; prompt only on a prefill-pool replica) fit in the free blocks left after the
// reservations of the running requests; its unallocated blocks stay reserved until it allocates them or leaves,
// so the running requests never need preempting.
// With prefix caching (replica.cache, prefix_sharing.h) a request admitted with nothing computed starts from the
// longest cached full-block prefix of its prompt (those tokens are not computed again but their blocks are held),
// and the full blocks it computes are published to the cache as they are allocated.
// With speculative decoding (ctx.speculative) a decoding request computes 1 + k query tokens (its own and k
// drafts: k + 1 tokens of the token budget and of KV blocks); finish_iteration() keeps the accepted drafts.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "stargate/serving/serving_config.h"
#include "decode_cohort.h"
#include "prefix_cache.h"
#include "speculative.h"
#include "stargate/serving/step_time.h"

namespace stargate::serving_detail {

// A request in flight; it lives in a slot of the simulation's pool, reused once it finishes or is rejected.
// The fields every iteration reads come first and fill one 64-byte cache line (the slot is aligned to one): a
// replica's iteration touches one line per running request, which is what bounds the simulation's speed.
struct alignas(64) Req {
  int32_t input = 0, output = 0, generated = 0, computed = 0;
  int32_t blocks = 0;         // KV blocks held privately on the current replica
  int32_t shared_blocks = 0;  // blocks [0, shared_blocks) of its sequence, held through the prefix cache
  int32_t swapped_blocks = 0; // blocks sitting in host memory (swap preemption)
  int32_t reserved_blocks = 0; // guaranteed_no_evict: blocks promised to this request, not yet allocated
  uint64_t draft_state = 0;    // speculative decoding: the request's acceptance draws (speculative.h)
  // Prefix caching (prefix_sharing.h): content keys (0 = none), the shared prompt's length.
  uint64_t group_key = 0, session_key = 0;
  int32_t group_tokens = 0;
  int32_t replica = -1;
  // Read when the request arrives, gets its first token, leaves, or touches the prefix cache.
  int64_t seq = 0;  // arrival index (0-based), the request's id in traces and outcomes
  double arrival = 0, first_token = -1, finish = -1;
  int32_t completions = 0;
  int32_t cache_entry[2] = {-1, -1};  // the prefix-cache entries held
  bool prefix_counted = false;  // its prompt entered the hit-rate statistics (once, at its first admission)
  // Decode cohort (decode_cohort.h): the cohort iteration its computed/generated are up to date with (-1: not a
  // member, they are current), and its place in its replica's admission order (running's order).
  int64_t lazy_since = -1;
  int64_t admitted = 0;
};
static_assert(offsetof(Req, seq) == 64, "the fields read every iteration fill the first cache line");

// FIFO of request ids with push_front (preempted requests resume first); grows only, never shrinks.
class IdQueue {
 public:
  void reserve(size_t n) { buf_.reserve(n); }
  bool empty() const { return head_ == buf_.size(); }
  size_t size() const { return buf_.size() - head_; }
  int32_t front() const { return buf_[head_]; }
  void pop_front() { ++head_; if (head_ == buf_.size()) buf_.clear(), head_ = 0; }
  void push_back(int32_t id) { buf_.push_back(id); }
  void push_front(int32_t id);

 private:
  std::vector<int32_t> buf_;
  size_t head_ = 0;
};

enum class Role { mixed, prefill, decode };

struct Replica {
  int id = 0;
  Role role = Role::mixed;
  int pool = 0;  // index of the StepTimeModel
  int64_t blocks_total = 0, blocks_free = 0;
  int64_t blocks_reserved = 0;  // Σ reserved_blocks of the running requests (guaranteed_no_evict)
  // The automatic prefix cache (scheduler.prefix_caching; none on decode-pool replicas). blocks_free counts its
  // cached blocks that no request holds: they are evicted when allocated.
  std::unique_ptr<PrefixCache> cache;
  int64_t prefix_hit_tokens = 0, prefix_query_tokens = 0;  // prompt tokens found cached / looked up
  bool busy = false;
  int outstanding = 0;  // routed here and not yet finished or handed off
  double busy_time = 0, iteration_start = 0;
  double swap_bytes = 0;  // swapped in or out during the current iteration
  std::vector<int32_t> running, scheduled, chunks;
  std::vector<int32_t> drafted;  // per scheduled request: draft tokens it verifies this iteration (0 or k)
  IdQueue waiting;
  // Attention data parallelism: the replica's attention ranks (engines lockstep_first … + lockstep_size − 1) run
  // every iteration together, as their MoE layers exchange tokens; 1 for an engine that steps alone.
  int lockstep_first = -1, lockstep_size = 1;
  DecodeCohort cohort;     // running[0, cohort.size): steady decodes advanced together (decode_cohort.h)
  int64_t admissions = 0;  // requests admitted so far (Req::admitted)
  // Requests in the iteration being run: those scheduled one by one and the cohort's members.
  size_t batch_sequences() const { return scheduled.size() + static_cast<size_t>(cohort.scheduled); }
};

struct SchedulerContext {
  const SchedulerConfig* config;
  double kv_bytes_per_token;
  std::vector<Req>* requests;
  int64_t* preemptions;
  const SpeculativeDecoding* speculative = nullptr;  // decode sequences verify drafts (not on prefill replicas)
  bool decode_cohort = true;  // SimulationOptions::decode_cohort
};

// Brings a cohort member's counts up to its replica's cohort iteration (decode_cohort.h): one token per iteration,
// and the blocks that hold its computed tokens, the ones added drawn from its reservation first. Called only
// between a member's iterations (no block is pending for the next one).
inline void materialize(Req& r, const DecodeCohort& cohort, int block_tokens) {
  const int32_t advanced = static_cast<int32_t>(cohort.iteration - r.lazy_since);
  r.computed += advanced;
  r.generated += advanced;
  const int32_t holds = (r.computed + block_tokens - 1) / block_tokens - r.shared_blocks;
  if (holds > r.blocks) {
    r.reserved_blocks -= std::min(holds - r.blocks, r.reserved_blocks);
    r.blocks = holds;
  }
  r.lazy_since = cohort.iteration;
}

// The slots of a replica's running requests are scattered over the pool, and a replica's iteration comes around
// after every other replica's has evicted them from the caches: loops over them first ask for the slots (all of
// them, or kPrefetchAhead requests ahead), so the memory loads overlap instead of queueing one after the other.
inline constexpr size_t kPrefetchAhead = 8;
inline void prefetch_request(const std::vector<Req>& reqs, int32_t id) { __builtin_prefetch(&reqs[id], 1); }

// Forms the next iteration of `replica` into replica.scheduled/chunks; returns its batch shape.
BatchShape form_iteration(Replica& replica, const SchedulerContext& ctx);
// Requests that produced a token this iteration are reported through `on_token(id)`, but for the decode cohort's
// members (decode_cohort.h), which are reported only with their last token; requests whose KV must leave
// (finished, or prefill done on a prefill-pool replica) are removed from running.
template <typename OnToken>
void finish_iteration(Replica& replica, const SchedulerContext& ctx, OnToken&& on_token);
// `r` leaves the replica: its blocks are freed (cached content stays in the prefix cache).
void release_blocks(Replica& replica, Req& r, int block_tokens);
// Blocks `r` must add to hold `tokens` tokens of KV. Most calls (a decode within its last block) need none: that is
// decided with a multiplication, so the division runs only when a block boundary is crossed.
inline int32_t blocks_needed(const Req& r, int64_t tokens, int block_tokens) {
  const int32_t held = r.shared_blocks + r.blocks;
  if (tokens <= int64_t{held} * block_tokens) return 0;
  return static_cast<int32_t>((tokens + block_tokens - 1) / block_tokens) - held;
}
// Allocates `need` blocks to `r`, drawing on its reservation first.
inline void allocate(Replica& rep, Req& r, int32_t need) {
  const int32_t from_reserve = std::min(need, r.reserved_blocks);
  r.reserved_blocks -= from_reserve;
  rep.blocks_reserved -= from_reserve;
  rep.blocks_free -= need;
  if (rep.cache && need > 0) rep.cache->take(need);
  r.blocks += need;
}
// Decode cohort (decode_cohort.h): its members join the iteration being formed (one token each), after the blocks
// of the members whose block phase is due are taken and this iteration's events are handled; when that cannot be
// done without changing the outcome (the blocks would not all fit, or the budget cannot take every member) the
// cohort is dissolved instead.
void schedule_cohort(Replica& replica, const SchedulerContext& ctx, BatchShape& shape, int& budget);
// Decode cohort (decode_cohort.h). Every member leaves the cohort with its counts made current (before anything
// reads them: the end of a run, an iteration that must run request by request).
void dissolve_cohort(Replica& replica, std::vector<Req>& reqs, int block_tokens);
// After an iteration: the running decodes right after the cohort join it, while the replica may keep one.
void grow_cohort(Replica& replica, const SchedulerContext& ctx);

// ---- template implementation ----
template <typename OnToken>
void finish_iteration(Replica& replica, const SchedulerContext& ctx, OnToken&& on_token) {
  std::vector<Req>& reqs = *ctx.requests;
  DecodeCohort& cohort = replica.cohort;
  // The cohort's members each computed one token (all of them ran: members join only after an iteration).
  ++cohort.iteration;
  cohort.context += cohort.scheduled;
  // Members that computed their last token finish first, in running order, as they were scheduled first.
  const std::vector<CohortEvent>& finishing = cohort.finishing;
  for (const CohortEvent& e : finishing) {
    Req& r = reqs[e.id];
    materialize(r, cohort, ctx.config->block_tokens);
    r.lazy_since = -1;
    cohort.context -= r.computed;
    on_token(e.id);
  }
  const size_t n = replica.scheduled.size();
  for (size_t i = 0; i < std::min(n, kPrefetchAhead); ++i) prefetch_request(reqs, replica.scheduled[i]);
  for (size_t i = 0; i < n; ++i) {
    if (i + kPrefetchAhead < n) prefetch_request(reqs, replica.scheduled[i + kPrefetchAhead]);
    Req& r = reqs[replica.scheduled[i]];
    r.computed += replica.chunks[i];
    if (r.computed == r.input + r.generated) {
      if (replica.drafted[i] > 0) {  // the accepted drafts join the KV cache and the output
        const int accepted = std::min(draw_accepted(*ctx.speculative, r.draft_state), r.output - r.generated - 1);
        r.computed += accepted;
        r.generated += accepted;
      }
      ++r.generated;
      on_token(replica.scheduled[i]);
    }
  }
  // Drop the requests that left: the finished members (both lists in running order), then the others.
  const size_t members = static_cast<size_t>(cohort.size);
  size_t kept = members;
  if (!finishing.empty()) {
    kept = 0;
    size_t next = 0;
    for (size_t i = 0; i < members; ++i) {
      const int32_t id = replica.running[i];
      if (next < finishing.size() && finishing[next].id == id) {
        ++next;
      } else {
        replica.running[kept++] = id;
      }
    }
    cohort.size = static_cast<int32_t>(kept);
    cohort.finishing.clear();
  }
  for (size_t i = members; i < replica.running.size(); ++i) {
    const int32_t id = replica.running[i];
    const Req& r = reqs[id];
    bool leaves = r.generated >= r.output || (replica.role == Role::prefill && r.generated >= 1);
    if (!leaves) replica.running[kept++] = id;
  }
  replica.running.resize(kept);
  grow_cohort(replica, ctx);
}

}  // namespace stargate::serving_detail
