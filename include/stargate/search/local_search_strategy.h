#pragma once
// A heuristic for spaces too large to enumerate: score a random sample, then repeatedly propose the unvisited
// neighbours (plans differing in exactly one of tp, pp, cp, ep, vpp, micro-batch, ZeRO, recompute, precision and
// the overlap options, with dp following from the GPU count) of the best plans found so far, until no neighbour of the current top set is
// unvisited or the budget is spent. Deterministic for a seed.
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "stargate/mapping/parallel_plan.h"
#include "stargate/search/ask_tell.h"

namespace stargate {

class LocalSearchStrategy final : public SearchStrategy {
 public:
  // `budget`: plans to evaluate at most; `seed_plans`: size of the initial random sample; `beam`: how many of the
  // best plans have their neighbourhoods expanded.
  LocalSearchStrategy(const std::vector<ParallelPlan>& candidates, size_t budget, size_t seed_plans, size_t beam,
                      uint64_t seed);
  bool ask(std::vector<size_t>& out, size_t max) override;
  void tell(std::span<const size_t> indices, std::span<const CandidateScore> scores) override;

 private:
  static constexpr int kFields = 12;
  static constexpr int kDataParallelField = 2;
  uint64_t key_without(size_t index, int field) const;
  void queue_neighbours(size_t index);

  const std::vector<ParallelPlan>& candidates_;
  size_t budget_;
  size_t beam_;
  size_t proposed_ = 0;
  std::vector<size_t> pending_;                     // to propose next
  std::unordered_set<size_t> visited_;              // proposed at least once
  std::unordered_set<size_t> expanded_;             // neighbourhood already queued
  std::vector<std::pair<double, size_t>> best_;     // (objective, index), best first, at most beam_
  std::vector<std::unordered_map<uint64_t, std::vector<size_t>>> by_field_;  // per field: key without it → plans
};

}  // namespace stargate
