#include "log_curve.h"

#include <algorithm>
#include <cmath>

namespace stargate::perf_detail {

LogCurve::LogCurve(std::vector<std::pair<double, double>> points, double left_slope, double right_slope)
    : left_slope_(left_slope), right_slope_(right_slope) {
  std::sort(points.begin(), points.end());
  for (size_t i = 0; i < points.size();) {
    size_t j = i;
    double sum = 0;
    while (j < points.size() && points[j].first - points[i].first < 1e-9) sum += points[j++].second;
    xs_.push_back(points[i].first);
    ys_.push_back(sum / static_cast<double>(j - i));
    i = j;
  }
}

double LogCurve::at(double x) const {
  if (xs_.empty()) return 0;
  if (x <= xs_.front()) return ys_.front() + left_slope_ * (x - xs_.front());
  if (x >= xs_.back()) return ys_.back() + right_slope_ * (x - xs_.back());
  const size_t hi = static_cast<size_t>(std::upper_bound(xs_.begin(), xs_.end(), x) - xs_.begin());
  const size_t lo = hi - 1;
  const double t = (x - xs_[lo]) / (xs_[hi] - xs_[lo]);
  return ys_[lo] + t * (ys_[hi] - ys_[lo]);
}

void LogCurve::make_non_decreasing() {
  // Pool adjacent violators: blocks of (mean, count), merged while a block's mean exceeds the next one's.
  std::vector<std::pair<double, int>> blocks;
  for (double y : ys_) {
    blocks.emplace_back(y, 1);
    while (blocks.size() > 1 && blocks[blocks.size() - 2].first > blocks.back().first) {
      auto [mean, count] = blocks.back();
      blocks.pop_back();
      auto& prev = blocks.back();
      prev.first = (prev.first * prev.second + mean * count) / (prev.second + count);
      prev.second += count;
    }
  }
  size_t i = 0;
  for (const auto& [mean, count] : blocks)
    for (int c = 0; c < count; ++c) ys_[i++] = mean;
}

double LogCurve::first_segment_slope() const {
  if (xs_.size() < 2) return 0;
  return (ys_[1] - ys_[0]) / (xs_[1] - xs_[0]);
}

}  // namespace stargate::perf_detail
