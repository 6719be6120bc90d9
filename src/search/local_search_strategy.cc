#include "stargate/search/local_search_strategy.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <random>

namespace stargate {
namespace {

std::array<uint64_t, 12> fields_of(const ParallelPlan& p) {
  return {static_cast<uint64_t>(p.tp),         static_cast<uint64_t>(p.pp),
          static_cast<uint64_t>(p.dp),         static_cast<uint64_t>(p.cp),
          static_cast<uint64_t>(p.ep),         static_cast<uint64_t>(p.vpp),
          static_cast<uint64_t>(p.micro_batch), static_cast<uint64_t>(p.zero_stage),
          static_cast<uint64_t>(p.recompute),  static_cast<uint64_t>(p.precision),
          static_cast<uint64_t>(p.sequence_parallel), static_cast<uint64_t>(p.tp_comm_overlap)};
}

}  // namespace

uint64_t LocalSearchStrategy::key_of(const Fields& fields) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a over the fields but dp
  for (int i = 0; i < kFields; ++i) {
    // dp is implied by the other degrees (tp·pp·dp·cp = GPUs): moving tp, pp or cp moves dp with it.
    if (i == kDataParallelField) continue;
    h = (h ^ fields[i]) * 1099511628211ull;
    h = (h ^ static_cast<uint64_t>(i)) * 1099511628211ull;
  }
  return h;
}

LocalSearchStrategy::LocalSearchStrategy(const std::vector<ParallelPlan>& candidates, size_t budget, size_t seed_plans,
                                         size_t beam, uint64_t seed)
    : candidates_(candidates), budget_(std::min(budget, candidates.size())), beam_(std::max<size_t>(1, beam)) {
  std::vector<std::pair<uint64_t, size_t>> keyed(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Fields f = fields_of(candidates[i]);
    keyed[i] = {key_of(f), i};
    for (int k = 0; k < kFields; ++k) {
      std::vector<uint64_t>& seen = values_[k];
      if (std::find(seen.begin(), seen.end(), f[k]) == seen.end()) seen.push_back(f[k]);
    }
  }
  std::sort(keyed.begin(), keyed.end());
  by_key_.resize(keyed.size());
  for (size_t first = 0; first < keyed.size();) {
    size_t last = first;
    while (last < keyed.size() && keyed[last].first == keyed[first].first) {
      by_key_[last] = keyed[last].second;
      ++last;
    }
    key_range_.emplace(keyed[first].first, std::make_pair(first, last));
    first = last;
  }
  std::vector<size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  order.resize(std::min(seed_plans, order.size()));
  pending_.assign(order.rbegin(), order.rend());  // popped from the back: proposes in shuffled order
}

bool LocalSearchStrategy::ask(std::vector<size_t>& out, size_t max) {
  while (out.size() < max && proposed_ < budget_ && !pending_.empty()) {
    const size_t index = pending_.back();
    pending_.pop_back();
    if (!visited_.insert(index).second) continue;
    out.push_back(index);
    ++proposed_;
  }
  return !out.empty();
}

void LocalSearchStrategy::tell(std::span<const size_t> indices, std::span<const CandidateScore> scores) {
  for (size_t i = 0; i < indices.size(); ++i) {
    if (scores[i].verdict == PlanVerdict::scored) best_.emplace_back(scores[i].objective, indices[i]);
  }
  std::sort(best_.begin(), best_.end());
  if (best_.size() > beam_) best_.resize(beam_);
  for (const auto& [objective, index] : best_) {
    if (expanded_.insert(index).second) queue_neighbours(index);
  }
}

void LocalSearchStrategy::queue_neighbours(size_t index) {
  const Fields fields = fields_of(candidates_[index]);
  for (int f = 0; f < kFields; ++f) {
    if (f == kDataParallelField) continue;
    // Every plan equal to this one but in field f (and dp), in index order.
    neighbours_.clear();
    Fields moved = fields;
    for (uint64_t value : values_[f]) {
      moved[f] = value;
      const auto range = key_range_.find(key_of(moved));
      if (range == key_range_.end()) continue;
      neighbours_.insert(neighbours_.end(), by_key_.begin() + range->second.first,
                         by_key_.begin() + range->second.second);
    }
    std::sort(neighbours_.begin(), neighbours_.end());
    for (size_t other : neighbours_) {
      if (other != index && !visited_.count(other)) pending_.push_back(other);
    }
  }
}

}  // namespace stargate
