#include "gemm_surface.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "log_curve.h"
#include "roofline.h"

namespace stargate::perf_detail {
namespace {

constexpr double kFloorEstimateEfficiency = 0.7;  // compute efficiency assumed for host-bound small shapes
const GridAxis kAxisM{0.0, 0.25, 61};             // M = 1 .. 32768
const GridAxis kAxisNK{9.0, 0.25, 29};            // N, K = 512 .. 65536

// Log-space multilinear interpolation over the regular grid rows; edge segments extrapolate with their own
// slope limited to [0, ln 2] (work neither shrinks nor grows faster than the size).
class CoarseGrid {
 public:
  bool build(const std::vector<GemmSample>& samples, const std::vector<double>& log_work) {
    std::map<std::tuple<double, double, double>, std::pair<double, int>> cells;
    for (size_t s = 0; s < samples.size(); ++s) {
      if (samples[s].source != GemmSource::grid) continue;
      const double c[3] = {std::log2(samples[s].m), std::log2(samples[s].n), std::log2(samples[s].k)};
      for (int a = 0; a < 3; ++a) axis_[a].push_back(c[a]);
      auto& cell = cells[{c[0], c[1], c[2]}];
      cell.first += log_work[s];
      cell.second += 1;
    }
    for (auto& ax : axis_) {
      std::sort(ax.begin(), ax.end());
      ax.erase(std::unique(ax.begin(), ax.end()), ax.end());
      if (ax.size() < 2) return false;
    }
    for (double x : axis_[0])
      for (double y : axis_[1])
        for (double z : axis_[2]) {
          auto it = cells.find({x, y, z});
          if (it == cells.end()) return false;  // not a full tensor-product grid
          values_.push_back(it->second.first / it->second.second);
        }
    return true;
  }

  // Inside: multilinear. Outside on an axis: the value at the edge plus the edge segment's slope (limited to
  // [0, ln 2]) times the distance beyond it.
  double eval(const double c[3]) const {
    double clamped[3], beyond[3];
    for (int a = 0; a < 3; ++a) {
      clamped[a] = std::clamp(c[a], axis_[a].front(), axis_[a].back());
      beyond[a] = c[a] - clamped[a];
    }
    const double at_edge = interpolate(clamped);
    double value = at_edge;
    for (int a = 0; a < 3; ++a) {
      if (beyond[a] == 0) continue;
      const auto& ax = axis_[a];
      double inner[3] = {clamped[0], clamped[1], clamped[2]};
      inner[a] = beyond[a] < 0 ? ax[1] : ax[ax.size() - 2];
      const double slope = (at_edge - interpolate(inner)) / (clamped[a] - inner[a]);
      value += std::clamp(slope, 0.0, kLn2) * beyond[a];
    }
    return value;
  }

 private:
  double interpolate(const double c[3]) const {
    int lo[3];
    double w[3];
    for (int a = 0; a < 3; ++a) {
      const auto& ax = axis_[a];
      size_t hi = std::upper_bound(ax.begin(), ax.end(), c[a]) - ax.begin();
      hi = std::clamp<size_t>(hi, 1, ax.size() - 1);
      lo[a] = static_cast<int>(hi - 1);
      w[a] = std::clamp((c[a] - ax[hi - 1]) / (ax[hi] - ax[hi - 1]), 0.0, 1.0);
    }
    double value = 0;
    for (int corner = 0; corner < 8; ++corner) {
      double weight = 1;
      int idx[3];
      for (int a = 0; a < 3; ++a) {
        const int up = (corner >> a) & 1;
        idx[a] = lo[a] + up;
        weight *= up ? w[a] : 1 - w[a];
      }
      value += weight * at(idx);
    }
    return value;
  }
  double at(const int idx[3]) const {
    return values_[(size_t(idx[0]) * axis_[1].size() + idx[1]) * axis_[2].size() + idx[2]];
  }
  std::vector<double> axis_[3];
  std::vector<double> values_;
};

double roofline_log_work(double m, double n, double k, const GemmCardFit& fit) {
  const double compute = 2 * m * n * k / (kFloorEstimateEfficiency * fit.peak);
  const double memory = gemm_bytes(m, n, k, 2, 2) / fit.bw_achievable;
  return std::log(std::max(compute, memory));
}

}  // namespace

double gemm_sample_log_work(const GemmSample& s, const GemmCardFit& fit, const GemmSurfaceParams& params) {
  const double measured_work = s.seconds - fit.t0;
  if (s.seconds > fit.host_floor * params.floor_margin && measured_work > 0) return std::log(measured_work);
  const double cap = std::max(fit.host_floor - fit.t0, 1e-7);
  return std::min(std::log(cap), roofline_log_work(s.m, s.n, s.k, fit));
}

LogGrid3 build_gemm_surface(const std::vector<GemmSample>& samples, const GemmCardFit& fit,
                            const GemmSurfaceParams& params) {
  std::vector<double> log_work(samples.size());
  for (size_t s = 0; s < samples.size(); ++s) log_work[s] = gemm_sample_log_work(samples[s], fit, params);

  CoarseGrid coarse;
  const bool has_coarse = coarse.build(samples, log_work);
  auto base = [&](double x, double y, double z) {
    const double c[3] = {x, y, z};
    return has_coarse ? coarse.eval(c) : roofline_log_work(std::exp2(x), std::exp2(y), std::exp2(z), fit);
  };

  LogGrid3 grid(kAxisM, kAxisNK, kAxisNK);
  const GridAxis* axes[3] = {&kAxisM, &kAxisNK, &kAxisNK};
  const double sigma[3] = {params.sigma_m, params.sigma_nk, params.sigma_nk};
  const size_t nodes = size_t(kAxisM.count) * kAxisNK.count * kAxisNK.count;
  std::vector<double> sum_w(nodes, 0.0), sum_wr(nodes, 0.0);
  // Scatter each sample's residual to the nodes within 3 sigma (separable Gaussian weights).
  std::vector<double> w1[3];
  for (size_t s = 0; s < samples.size(); ++s) {
    const double c[3] = {std::log2(samples[s].m), std::log2(samples[s].n), std::log2(samples[s].k)};
    const double residual = log_work[s] - base(c[0], c[1], c[2]);
    int lo[3], hi[3];
    for (int a = 0; a < 3; ++a) {
      const GridAxis& ax = *axes[a];
      lo[a] = std::max(0, static_cast<int>(std::ceil((c[a] - 3 * sigma[a] - ax.first) / ax.step)));
      hi[a] = std::min(ax.count - 1, static_cast<int>(std::floor((c[a] + 3 * sigma[a] - ax.first) / ax.step)));
      w1[a].assign(std::max(0, hi[a] - lo[a] + 1), 0.0);
      for (int i = lo[a]; i <= hi[a]; ++i) {
        const double d = (ax.node(i) - c[a]) / sigma[a];
        w1[a][i - lo[a]] = std::exp(-0.5 * d * d);
      }
    }
    for (int i = lo[0]; i <= hi[0]; ++i)
      for (int j = lo[1]; j <= hi[1]; ++j)
        for (int k = lo[2]; k <= hi[2]; ++k) {
          const double w = w1[0][i - lo[0]] * w1[1][j - lo[1]] * w1[2][k - lo[2]];
          const size_t idx = (size_t(i) * kAxisNK.count + j) * kAxisNK.count + k;
          sum_w[idx] += w;
          sum_wr[idx] += w * residual;
        }
  }
  for (int i = 0; i < kAxisM.count; ++i)
    for (int j = 0; j < kAxisNK.count; ++j)
      for (int k = 0; k < kAxisNK.count; ++k) {
        const size_t idx = (size_t(i) * kAxisNK.count + j) * kAxisNK.count + k;
        const double correction = sum_wr[idx] / (params.prior_weight + sum_w[idx]);
        grid.at(i, j, k) = base(kAxisM.node(i), kAxisNK.node(j), kAxisNK.node(k)) + correction;
      }
  if (params.monotone) grid.make_non_decreasing();
  return grid;
}

}  // namespace stargate::perf_detail
