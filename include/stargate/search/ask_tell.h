#pragma once
// The one search interface every search in Stargate uses (training plans, serving deployments, capacity sizing,
// the fleet's plan choice), Timeloop-style ask/tell:
//   - candidate space: an indexed list of candidates (the index is stable: it splits work and breaks ties);
//   - strategy: proposes candidate indices (ask) and learns their scores (tell); it never calls a model;
//   - evaluator: turns one candidate into a CandidateScore (its verdict, objective and, when rejected, the named
//     reason: an index into the search's own table of reason names, e.g. kRejectReasons);
//   - objective: a number to minimise, ties broken toward the lower candidate index (`ranks_before`);
//   - constraints: limits a scored candidate must meet, else the evaluator rejects it with a reason.
// drive_search() runs the loop; how a batch is scored (serially, in parallel, with a bound) is the caller's.
#include <cstddef>
#include <span>
#include <vector>

namespace stargate {

enum class PlanVerdict { scored, invalid, does_not_fit };

// The generic part of a score: what a strategy needs to steer.
struct CandidateScore {
  PlanVerdict verdict = PlanVerdict::invalid;
  double objective = 0;    // lower is better; meaningful when scored
  int reject_reason = -1;  // index into the search's reason names when not scored; -1 when scored
};

class SearchStrategy {
 public:
  virtual ~SearchStrategy() = default;
  // Contract: appends at most `max` not-yet-proposed candidate indices to `out`; returns false when done.
  virtual bool ask(std::vector<size_t>& out, size_t max) = 0;
  // Contract: `scores[i]` belongs to `indices[i]` from the last ask.
  virtual void tell(std::span<const size_t> indices, std::span<const CandidateScore> scores) = 0;
};

// Whether candidate a (objective, index) ranks before candidate b: lower objective, then lower index.
inline bool ranks_before(double objective_a, size_t index_a, double objective_b, size_t index_b) {
  if (objective_a != objective_b) return objective_a < objective_b;
  return index_a < index_b;
}

// Runs `strategy` to completion in batches of at most `batch` indices. `evaluate(indices, scores)` fills
// scores[i] for indices[i] (scores arrives sized; Score is CandidateScore or a type derived from it);
// `record(indices, scores)` sees each scored batch after the strategy was told. Allocates only per batch.
template <class Score, class Evaluate, class Record>
void drive_search(SearchStrategy& strategy, size_t batch, Evaluate&& evaluate, Record&& record) {
  std::vector<size_t> indices;
  std::vector<Score> scores;
  std::vector<CandidateScore> told;
  for (;;) {
    indices.clear();
    if (!strategy.ask(indices, batch) || indices.empty()) break;
    scores.assign(indices.size(), Score{});
    evaluate(std::span<const size_t>(indices), std::span<Score>(scores));
    told.assign(scores.begin(), scores.end());  // slices a derived score to its CandidateScore part
    strategy.tell(indices, told);
    record(std::span<const size_t>(indices), std::span<const Score>(scores));
  }
}

}  // namespace stargate
