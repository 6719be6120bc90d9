#pragma once
// Ask/tell search strategies over an indexed candidate list (Timeloop-style): a strategy proposes candidate
// indices, the driver scores them with the evaluator, and tells the strategy the scores. Strategies never call
// the model themselves, so exhaustive and sampled searches share one evaluator.
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "stargate/search/plan_evaluator.h"

namespace stargate {

class SearchStrategy {
 public:
  virtual ~SearchStrategy() = default;
  // Contract: appends at most `max` not-yet-proposed candidate indices to `out`; returns false when done.
  virtual bool ask(std::vector<size_t>& out, size_t max) = 0;
  // Contract: `scores[i]` belongs to `indices[i]` from the last ask.
  virtual void tell(const std::vector<size_t>& indices, const std::vector<PlanScore>& scores) = 0;
};

// Every candidate whose index ≡ partition_index (mod partition_count), in order.
class ExhaustiveStrategy final : public SearchStrategy {
 public:
  ExhaustiveStrategy(size_t candidates, size_t partition_index = 0, size_t partition_count = 1);
  bool ask(std::vector<size_t>& out, size_t max) override;
  void tell(const std::vector<size_t>&, const std::vector<PlanScore>&) override {}

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
  void tell(const std::vector<size_t>&, const std::vector<PlanScore>&) override {}

 private:
  std::vector<size_t> order_;
  size_t next_ = 0;
  size_t stride_ = 1;
};

}  // namespace stargate
