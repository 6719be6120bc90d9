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

uint64_t LocalSearchStrategy::key_without(size_t index, int field) const {
  const auto f = fields_of(candidates_[index]);
  uint64_t h = 1469598103934665603ull;  // FNV-1a over the other fields
  for (int i = 0; i < kFields; ++i) {
    // dp is implied by the other degrees (tp·pp·dp·cp = GPUs): moving tp, pp or cp moves dp with it.
    if (i == field || i == kDataParallelField) continue;
    h = (h ^ f[i]) * 1099511628211ull;
    h = (h ^ static_cast<uint64_t>(i)) * 1099511628211ull;
  }
  return h;
}

LocalSearchStrategy::LocalSearchStrategy(const std::vector<ParallelPlan>& candidates, size_t budget, size_t seed_plans,
                                         size_t beam, uint64_t seed)
    : candidates_(candidates), budget_(std::min(budget, candidates.size())), beam_(std::max<size_t>(1, beam)),
      by_field_(kFields) {
  for (size_t i = 0; i < candidates.size(); ++i) {
    for (int f = 0; f < kFields; ++f) {
      if (f != kDataParallelField) by_field_[f][key_without(i, f)].push_back(i);
    }
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
  for (int f = 0; f < kFields; ++f) {
    if (f == kDataParallelField) continue;
    for (size_t other : by_field_[f][key_without(index, f)]) {
      if (other != index && !visited_.count(other)) pending_.push_back(other);
    }
  }
}

}  // namespace stargate
