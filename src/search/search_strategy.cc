#include "stargate/search/search_strategy.h"

#include <algorithm>
#include <numeric>

namespace stargate {

ExhaustiveStrategy::ExhaustiveStrategy(size_t candidates, size_t partition_index, size_t partition_count)
    : candidates_(candidates), next_(partition_index), stride_(std::max<size_t>(1, partition_count)) {}

bool ExhaustiveStrategy::ask(std::vector<size_t>& out, size_t max) {
  for (size_t n = 0; n < max && next_ < candidates_; ++n, next_ += stride_) out.push_back(next_);
  return next_ < candidates_ || !out.empty();
}

RandomStrategy::RandomStrategy(size_t candidates, size_t budget, uint64_t seed, size_t partition_index,
                               size_t partition_count)
    : order_(candidates), next_(partition_index), stride_(std::max<size_t>(1, partition_count)) {
  std::iota(order_.begin(), order_.end(), size_t{0});
  std::mt19937_64 rng(seed);
  std::shuffle(order_.begin(), order_.end(), rng);
  order_.resize(std::min(budget, candidates));
}

bool RandomStrategy::ask(std::vector<size_t>& out, size_t max) {
  for (size_t n = 0; n < max && next_ < order_.size(); ++n, next_ += stride_) out.push_back(order_[next_]);
  return !out.empty();
}

}  // namespace stargate
