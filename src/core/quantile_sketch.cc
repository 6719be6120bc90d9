#include "stargate/core/quantile_sketch.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace stargate {

QuantileSketch::QuantileSketch(double relative_accuracy)
    : alpha_(std::clamp(relative_accuracy, 1e-6, 0.5)),
      gamma_((1 + alpha_) / (1 - alpha_)),
      log_gamma_(std::log(gamma_)) {}

int32_t QuantileSketch::bucket_of(double value) const {
  return static_cast<int32_t>(std::ceil(std::log(value) / log_gamma_));
}

double QuantileSketch::bucket_value(int32_t bucket) const {
  return 2 * std::pow(gamma_, bucket) / (gamma_ + 1);
}

void QuantileSketch::add(double value) {
  if (std::isnan(value)) return;
  min_ = count_ == 0 ? value : std::min(min_, value);
  max_ = count_ == 0 ? value : std::max(max_, value);
  ++count_;
  sum_ += value;
  if (!(value > min_positive)) {
    ++zeros_;
    return;
  }
  const int32_t b = bucket_of(std::min(value, 1e300));
  if (counts_.empty()) {
    first_bucket_ = b;
    counts_.push_back(0);
  } else if (b < first_bucket_) {
    counts_.insert(counts_.begin(), static_cast<size_t>(first_bucket_ - b), 0);
    first_bucket_ = b;
  } else if (b >= first_bucket_ + static_cast<int32_t>(counts_.size())) {
    counts_.resize(static_cast<size_t>(b - first_bucket_) + 1, 0);
  }
  ++counts_[static_cast<size_t>(b - first_bucket_)];
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (other.count_ == 0) return;
  min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = count_ == 0 ? other.max_ : std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
  zeros_ += other.zeros_;
  if (other.counts_.empty()) return;
  const int32_t other_last = other.first_bucket_ + static_cast<int32_t>(other.counts_.size());
  if (counts_.empty()) {
    first_bucket_ = other.first_bucket_;
  } else if (other.first_bucket_ < first_bucket_) {
    counts_.insert(counts_.begin(), static_cast<size_t>(first_bucket_ - other.first_bucket_), 0);
    first_bucket_ = other.first_bucket_;
  }
  if (other_last > first_bucket_ + static_cast<int32_t>(counts_.size())) {
    counts_.resize(static_cast<size_t>(other_last - first_bucket_), 0);
  }
  for (size_t k = 0; k < other.counts_.size(); ++k) {
    counts_[static_cast<size_t>(other.first_bucket_ - first_bucket_) + k] += other.counts_[k];
  }
}

QuantileSketch::State QuantileSketch::state() const {
  return {.relative_accuracy = alpha_, .first_bucket = first_bucket_, .counts = counts_, .zeros = zeros_,
          .count = count_, .sum = sum_, .min = min_, .max = max_};
}

QuantileSketch QuantileSketch::restore(State state) {
  QuantileSketch sketch(state.relative_accuracy);
  sketch.first_bucket_ = state.first_bucket;
  sketch.counts_ = std::move(state.counts);
  sketch.zeros_ = state.zeros;
  sketch.count_ = state.count;
  sketch.sum_ = state.sum;
  sketch.min_ = state.min;
  sketch.max_ = state.max;
  return sketch;
}

double QuantileSketch::quantile(double q) const {
  if (count_ == 0) return 0;
  const int64_t rank = static_cast<int64_t>(std::clamp(q, 0.0, 1.0) * double(count_ - 1) + 0.5);
  if (rank == 0) return min_;
  if (rank == count_ - 1) return max_;
  if (rank < zeros_) return std::clamp(0.0, min_, max_);
  int64_t seen = zeros_;
  for (size_t k = 0; k < counts_.size(); ++k) {
    seen += counts_[k];
    if (seen > rank) return std::clamp(bucket_value(first_bucket_ + static_cast<int32_t>(k)), min_, max_);
  }
  return max_;
}

}  // namespace stargate
