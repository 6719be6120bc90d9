#pragma once
// Internal: a replica's steady decodes, advanced as one cohort instead of one request at a time.
//
// Every iteration a decoding request computes exactly one token: its computed and generated counts grow by one, it
// adds its context + 1 to the batch's decode context and one row of logits, and every block_tokens iterations its
// next token opens a new KV block. None of that needs the request itself:
//  - the batch needs the members' count and the sum of their contexts (it grows by the count each iteration);
//  - the blocks: a member's boundaries come every block_tokens iterations at a fixed phase
//    (iteration − computed, mod block_tokens), so the blocks taken at iteration i are the members counted in
//    phase i mod block_tokens (drawn from their guaranteed_no_evict reservations while those last);
//  - a member needs its own attention only when it computes its last token (it finishes) or when its
//    reservation runs out (it moves to the phase counts without one): events in a heap ordered by iteration, then
//    admission (running's order).
// So the replica keeps its leading running decodes as a cohort (running[0, size)); a member's computed, generated,
// blocks and reserved_blocks are stale, the truth is those plus what the cohort's iterations since `lazy_since`
// added (materialize()). form_iteration() adds the cohort to the batch in O(1) plus its events; finish_iteration()
// advances it in O(1) plus the members that finish.
// The result is the one the request-by-request scheduler gives, to the last bit (the same blocks taken at the same
// iterations, the same batch shapes, the same requests finishing in the same order; decode_context sums integers,
// so the order of the sum cannot change it): decode_cohort_test checks it. When an iteration could differ — the
// members' blocks would not all fit (a preemption may follow) or the token budget cannot take every member — the
// cohort is dissolved first and that iteration runs request by request. Replicas that speculate or only prefill
// keep no cohort; under prefix caching, a decode joins once it has no more blocks to publish to the cache (no
// conversation to continue, past its shared prompt): until then its blocks are shared one by one as they fill.
#include <cstdint>
#include <vector>

namespace stargate::serving_detail {

struct CohortEvent {
  enum Kind : int32_t { last_token = 0, reservation_spent = 1 };
  int64_t iteration;  // last_token: the iteration computing it; reservation_spent: from this iteration on
  int64_t admitted;   // Req::admitted: events of one iteration in running's order
  int32_t id;
  int32_t kind;
  int32_t phase;      // the member's block phase
  bool reserved;      // last_token: the member is counted in reserved_phase to its end
  // A min-heap through std::push_heap.
  bool operator<(const CohortEvent& o) const {
    return iteration != o.iteration ? iteration > o.iteration : admitted > o.admitted;
  }
};

struct DecodeCohort {
  int32_t size = 0;       // running[0, size) of the replica are members
  int32_t scheduled = 0;  // members in the iteration being run (all of them, or 0 after a dissolve)
  int64_t iteration = 0;  // iterations this replica has finished
  int64_t context = 0;    // Σ computed over the members, as of `iteration`
  // Members by block phase: their next token opens a block at iterations ≡ phase (mod block_tokens); those still
  // holding a guaranteed_no_evict reservation count in `reserved_phase`, the others in `free_phase`.
  std::vector<int32_t> free_phase, reserved_phase;
  std::vector<CohortEvent> events;  // heap
  std::vector<CohortEvent> finishing;  // last_token events of the iteration being run, in running's order
};

}  // namespace stargate::serving_detail
