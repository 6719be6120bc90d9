#include "kernel_cost_tables.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "roofline.h"

namespace stargate::perf_detail {
namespace {

constexpr double kFloorMargin = 1.1;   // a call under floor × margin is host-dispatch bound
constexpr double kTileRows = 128;      // query rows per flash-attention tile
constexpr double kAttnBwdFlopsRatio = 2.5;

// Host floor of one kind of call: median of the calls within 10% of the fastest.
double host_floor(std::vector<double> times) {
  if (times.empty()) return 0;
  std::sort(times.begin(), times.end());
  std::vector<double> near;
  for (double t : times)
    if (t <= times.front() * kFloorMargin) near.push_back(t);
  return near[near.size() / 2];
}

// t = t0 + bytes / bw over the copies above the floor, least squares in relative error.
void fit_copy(const std::vector<CopySample>& rows, double floor, double& t0, double& bw) {
  double saa = 0, sac = 0, scc = 0, sa = 0, sc = 0, best_bw = 0;
  int n = 0;
  for (const CopySample& r : rows) {
    best_bw = std::max(best_bw, r.bytes / r.seconds);
    if (r.seconds <= floor * kFloorMargin) continue;
    const double a = 1 / r.seconds, c = r.bytes / r.seconds;
    saa += a * a, sac += a * c, scc += c * c, sa += a, sc += c, ++n;
  }
  const double det = saa * scc - sac * sac;
  double x = 0;
  t0 = 0;
  if (n >= 2 && det > 1e-12 * saa * scc) {
    t0 = (sa * scc - sc * sac) / det;
    x = (saa * sc - sac * sa) / det;
  }
  if (!(t0 >= 0 && t0 <= floor && x > 0)) {  // degenerate: fixed intercept at 0 (or the floor), refit slope
    t0 = std::clamp(std::isfinite(t0) ? t0 : 0.0, 0.0, floor);
    x = scc > 0 ? (sc - t0 * sac) / scc : 0;
  }
  bw = x > 0 ? 1 / x : best_bw;
}

LogCurve work_curve(const std::vector<std::pair<double, double>>& points) {
  LogCurve curve(points, kLn2, kLn2);
  curve.make_non_decreasing();
  return curve;
}

AttentionCurve fit_attention(const std::vector<AttentionSample>& rows, double t0, double peak, bool backward) {
  struct Point {
    double key, tiles, log_eff;
  };
  std::vector<Point> points;
  for (const AttentionSample& r : rows) {
    const double flops = 4 * r.b * r.heads * r.head_dim * attention_pairs(r.s, r.s, true);
    const double work = backward ? r.fwdbwd_seconds - r.fwd_seconds - t0 : r.fwd_seconds - t0;
    if (work <= 0) continue;
    const double eff = (backward ? kAttnBwdFlopsRatio : 1.0) * flops / (peak * work);
    points.push_back({std::log2(r.s), r.b * r.heads * std::ceil(r.s / kTileRows), std::log(eff)});
  }
  AttentionCurve best{LogCurve({{12.0, std::log(0.5)}}, 0, 0), 0};  // no rows: a flat 50%
  if (points.empty()) return best;
  double best_error = INFINITY;
  // half_tiles on a log grid from 0 (no occupancy effect) to 4096 tiles; keep the least dispersion per key.
  for (int step = -1; step <= 48; ++step) {
    const double half = step < 0 ? 0 : std::exp2(step / 4.0);
    std::vector<std::pair<double, double>> knots;
    for (const Point& p : points) knots.emplace_back(p.key, p.log_eff - std::log(p.tiles / (p.tiles + half)));
    AttentionCurve candidate{LogCurve(knots, 0, 0), half};
    double error = 0;
    for (const auto& [key, y] : knots) error += std::pow(y - candidate.log_eff_inf.at(key), 2);
    if (error < best_error - 1e-12) best_error = error, best = candidate;
  }
  // Shorter keys: efficiency keeps falling at the first segment's rate, at most as √key (so that time still grows
  // with the sequence when only a few tiles run); longer keys: saturated.
  best.log_eff_inf.set_slopes(std::clamp(best.log_eff_inf.first_segment_slope(), 0.0, 0.5 * kLn2), 0);
  return best;
}

// fp8 GEMMs (torch._scaled_mm): their own host floor when the fastest fp8 call is far above what the bf16 model
// predicts for it, and the efficiency ratio vs bf16 at the same shape, solved from the soft-max roofline for the
// calls above that floor. One ratio for all shapes (geometric mean): the rows show no trend, only ±4% scatter.
void fit_fp8(const std::vector<GemmSample>& rows, CalibratedTables& t) {
  t.floor_fp8 = t.floor_gemm;
  if (rows.empty()) return;
  auto bf16_roofline = [&](const GemmSample& s) {
    return soft_max(2 * s.m * s.n * s.k / t.peak_bf16, gemm_bytes(s.m, s.n, s.k, 2, 2) / t.bw_achievable);
  };
  auto fp8_memory = [&](const GemmSample& s) { return gemm_bytes(s.m, s.n, s.k, 1, 2) / t.bw_achievable; };
  std::vector<double> times;
  for (const GemmSample& s : rows) times.push_back(s.seconds);
  const GemmSample& fastest = *std::min_element(
      rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
  const double fastest_fp8_roofline =
      soft_max(2 * fastest.m * fastest.n * fastest.k / t.peak_fp8, fp8_memory(fastest));
  const double predicted = t.t0 + gemm_work_seconds(t, fastest.m, fastest.n, fastest.k) * fastest_fp8_roofline /
                                      bf16_roofline(fastest);
  if (predicted < 0.5 * fastest.seconds) t.floor_fp8 = std::max(t.floor_gemm, host_floor(times));

  double sum = 0;
  int count = 0;
  for (const GemmSample& s : rows) {
    if (s.seconds <= t.floor_fp8 * kFloorMargin) continue;
    const double flops = 2 * s.m * s.n * s.k;
    // The soft-max roofline this call reached, if it kept the bf16 fraction of roofline at this shape.
    const double roofline = (s.seconds - t.t0) * bf16_roofline(s) / gemm_work_seconds(t, s.m, s.n, s.k);
    const double memory = fp8_memory(s);
    if (!(roofline > memory * 1.01)) continue;  // memory-bound: says nothing about the fp8 compute rate
    const double compute = std::sqrt(std::sqrt(std::pow(roofline, 4) - std::pow(memory, 4)));
    sum += std::log(std::clamp(flops / (t.peak_fp8 * compute), 0.25, 1.5));
    ++count;
  }
  if (count > 0) t.fp8_ratio = LogCurve({{0.0, sum / count}}, 0, 0);
}

}  // namespace

double attention_pairs(double s_q, double s_kv, bool causal) {
  if (!causal) return s_q * s_kv;
  if (s_q <= s_kv) return s_q * s_kv - 0.5 * s_q * s_q;  // queries aligned to the last keys
  return 0.5 * s_kv * s_kv;
}

double gemm_work_seconds(const CalibratedTables& t, double m, double n, double k) {
  if (!(m > 0 && n > 0 && k > 0)) return 0;
  if (!t.calibrated)
    return soft_max(2 * m * n * k / (0.7 * t.peak_bf16), gemm_bytes(m, n, k, 2, 2) / t.bw_achievable);
  // Below the measured range (M < 1, N or K < 512) keep the fraction of the roofline reached at the edge.
  const double lo_m = std::exp2(t.gemm_work.axis(0).first), lo_n = std::exp2(t.gemm_work.axis(1).first),
               lo_k = std::exp2(t.gemm_work.axis(2).first);
  const double cm = std::max(m, lo_m), cn = std::max(n, lo_n), ck = std::max(k, lo_k);
  const double work = std::exp(t.gemm_work.eval(std::log2(cm), std::log2(cn), std::log2(ck)));
  if (cm == m && cn == n && ck == k) return work;
  auto roofline = [&](double a, double b, double c) {
    return soft_max(2 * a * b * c / t.peak_bf16, gemm_bytes(a, b, c, 2, 2) / t.bw_achievable);
  };
  return work * roofline(m, n, k) / roofline(cm, cn, ck);
}

std::shared_ptr<const CalibratedTables> build_tables(const CalibrationData& data, double peak_bf16,
                                                     double peak_fp8, double hbm_bandwidth,
                                                     const GemmSurfaceParams& gemm_params) {
  auto t = std::make_shared<CalibratedTables>();
  t->folder = data.folder;
  t->calibrated = true;
  t->peak_bf16 = peak_bf16;
  t->peak_fp8 = peak_fp8 > 0 ? peak_fp8 : peak_bf16;
  t->hbm_bandwidth = hbm_bandwidth;

  // Memory: copy floor, then t0 and achievable bandwidth, then the work curve over bytes.
  std::vector<double> times;
  for (const CopySample& r : data.copy) times.push_back(r.seconds);
  t->floor_copy = host_floor(times);
  fit_copy(data.copy, t->floor_copy, t->t0, t->bw_achievable);
  std::vector<std::pair<double, double>> points;
  for (const CopySample& r : data.copy)
    if (r.seconds > t->floor_copy * kFloorMargin && r.seconds > t->t0)
      points.emplace_back(std::log2(r.bytes), std::log(r.seconds - t->t0));
  if (points.empty()) points.emplace_back(30.0, std::log(std::exp2(30.0) / t->bw_achievable));
  t->copy_work = work_curve(points);

  // GEMM surface.
  times.clear();
  for (const GemmSample& s : data.gemm_bf16) times.push_back(s.seconds);
  t->floor_gemm = host_floor(times);
  const GemmCardFit fit{t->t0, t->floor_gemm, peak_bf16, t->bw_achievable};
  t->gemm_work = build_gemm_surface(data.gemm_bf16, fit, gemm_params);

  fit_fp8(data.gemm_fp8, *t);

  // Decode attention: floor, then the work curve over KV bytes from the calls whose roofline is above it.
  times.clear();
  for (const DecodeSample& d : data.decode) times.push_back(d.seconds);
  t->floor_attention = times.empty() ? t->floor_gemm : host_floor(times);
  points.clear();
  for (const DecodeSample& d : data.decode)
    if (d.seconds > t->floor_attention * kFloorMargin && t->t0 + d.kv_bytes / t->bw_achievable > t->floor_attention)
      points.emplace_back(std::log2(d.kv_bytes), std::log(d.seconds - t->t0));
  t->decode_work = points.empty() ? t->copy_work : work_curve(points);
  t->bw_streaming = t->bw_achievable;
  for (const DecodeSample& d : data.decode) {
    if (d.seconds > 0) t->bw_streaming = std::max(t->bw_streaming, d.kv_bytes / d.seconds);
  }

  // Prefill attention efficiency (forward, backward).
  t->attn_fwd = fit_attention(data.prefill, t->t0, peak_bf16, false);
  t->attn_bwd = fit_attention(data.prefill, t->t0, peak_bf16, true);
  return t;
}

std::shared_ptr<const CalibratedTables> roofline_tables(double peak_bf16, double peak_fp8, double hbm_bandwidth) {
  auto t = std::make_shared<CalibratedTables>();
  t->folder = "roofline";
  t->peak_bf16 = peak_bf16;
  t->peak_fp8 = peak_fp8 > 0 ? peak_fp8 : peak_bf16;
  t->hbm_bandwidth = hbm_bandwidth;
  t->bw_achievable = 0.85 * hbm_bandwidth;
  t->bw_streaming = t->bw_achievable;
  t->copy_work = LogCurve({{30.0, std::log(std::exp2(30.0) / t->bw_achievable)}}, kLn2, kLn2);
  t->decode_work = t->copy_work;
  t->attn_fwd.log_eff_inf = LogCurve({{12.0, std::log(0.5)}}, 0, 0);
  t->attn_bwd = t->attn_fwd;
  return t;
}

}  // namespace stargate::perf_detail
