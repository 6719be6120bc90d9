#pragma once
// Strategies that need no feedback, for any candidate space (the interface is in ask_tell.h): every candidate in
// order, or a seeded random sample. Both split into partitions (threads, MPI ranks) that together propose exactly
// the single-process sequence.
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "stargate/search/ask_tell.h"

namespace stargate {

// Every candidate whose index ≡ partition_index (mod partition_count), in order.
class ExhaustiveStrategy final : public SearchStrategy {
 public:
  ExhaustiveStrategy(size_t candidates, size_t partition_index = 0, size_t partition_count = 1);
  bool ask(std::vector<size_t>& out, size_t max) override;
  void tell(std::span<const size_t>, std::span<const CandidateScore>) override {}

 private:
  size_t candidates_;
  size_t next_;
  size_t stride_;
};

// `budget` distinct candidates drawn uniformly at random (seeded: reproducible); a partition takes every
// partition_count-th of the same draw, so partitions together propose exactly the single-process sample.
class RandomStrategy final : public SearchStrategy {
 public:
  RandomStrategy(size_t candidates, size_t budget, uint64_t seed, size_t partition_index = 0,
                 size_t partition_count = 1);
  bool ask(std::vector<size_t>& out, size_t max) override;
  void tell(std::span<const size_t>, std::span<const CandidateScore>) override {}

 private:
  std::vector<size_t> order_;
  size_t next_ = 0;
  size_t stride_ = 1;
};

}  // namespace stargate
