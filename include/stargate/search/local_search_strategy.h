#pragma once
// A heuristic for spaces too large to enumerate: score a random sample, then repeatedly propose the unvisited
// neighbours (plans differing in exactly one of tp, pp, cp, ep, vpp, micro-batch, ZeRO, recompute, precision and
// the overlap options, with dp following from the GPU count) of the best plans found so far, until no neighbour of the current top set is
// unvisited or the budget is spent. Deterministic for a seed.
#include <array>
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
  using Fields = std::array<uint64_t, kFields>;
  // Hash of every field but dp (implied by the others and the GPU count).
  static uint64_t key_of(const Fields& fields);
  void queue_neighbours(size_t index);

  const std::vector<ParallelPlan>& candidates_;
  size_t budget_;
  size_t beam_;
  size_t proposed_ = 0;
  std::vector<size_t> pending_;                     // to propose next
  std::unordered_set<size_t> visited_;              // proposed at least once
  std::unordered_set<size_t> expanded_;             // neighbourhood already queued
  std::vector<std::pair<double, size_t>> best_;     // (objective, index), best first, at most beam_
  // The neighbours of a plan along one field are found by setting that field to each value it takes in the space
  // and looking the result up: one index of the candidates by key_of, not one per field (building eleven maps of
  // the whole space cost seconds per search at a million candidates).
  std::array<std::vector<uint64_t>, kFields> values_;  // distinct values of each field over the candidates
  std::vector<size_t> by_key_;                         // candidate indices sorted by (key_of, index)
  std::unordered_map<uint64_t, std::pair<size_t, size_t>> key_range_;  // key_of → [first, last) in by_key_
  std::vector<size_t> neighbours_;                     // scratch of queue_neighbours
};

}  // namespace stargate
