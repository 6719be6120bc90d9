#pragma once
// A streaming quantile sketch with a relative-accuracy guarantee (DDSketch, Masson et al., VLDB 2019): values are
// counted in logarithmic buckets [γ^(i−1), γ^i) with γ = (1 + α) / (1 − α); a bucket's representative value
// 2γ^i / (γ + 1) is within relative error α of every value in it. Memory is one counter per occupied bucket range,
// independent of the number of values (at most log_γ(max / min) counters: about 4,600 for 1 ns .. 10⁹ s at
// α = 0.5%). Deterministic: the same values in any order give the same answers.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace stargate {

class QuantileSketch {
 public:
  // relative_accuracy α in (0, 1): every quantile is within a factor (1 ± α) of the exact one.
  explicit QuantileSketch(double relative_accuracy = 0.005);

  // Adds one value; values ≤ min_positive (including 0 and negatives) are counted as 0; NaN is ignored.
  void add(double value);
  int64_t count() const { return count_; }
  double sum() const { return sum_; }
  double relative_accuracy() const { return alpha_; }
  size_t buckets() const { return counts_.size(); }  // counters held (memory, 8 bytes each)

  // Adds every value `other` holds (the same relative accuracy): the result answers as if both sketches' values
  // had been added to this one (the sum up to floating-point rounding). DDSketch's merge: bucket counts add.
  void merge(const QuantileSketch& other);

  // The value of rank round(q·(n − 1)) (0-based) among the n values added, within relative error α
  // (exact for the smallest and largest values); 0 when empty. q is clamped to [0, 1].
  double quantile(double q) const;

  static constexpr double min_positive = 1e-12;

  // Everything a sketch holds, to carry it between processes: restore(state()) answers exactly as the original.
  struct State {
    double relative_accuracy = 0.005;
    int32_t first_bucket = 0;
    std::vector<int64_t> counts;  // counts[k] counts bucket first_bucket + k
    int64_t zeros = 0, count = 0;
    double sum = 0, min = 0, max = 0;
  };
  State state() const;
  static QuantileSketch restore(State state);

 private:
  int32_t bucket_of(double value) const;
  double bucket_value(int32_t bucket) const;

  double alpha_, gamma_, log_gamma_;
  std::vector<int64_t> counts_;  // counts_[k] counts bucket first_bucket_ + k
  int32_t first_bucket_ = 0;
  int64_t zeros_ = 0, count_ = 0;
  double sum_ = 0, min_ = 0, max_ = 0;
};

}  // namespace stargate
