#include "stargate/perf/kernel_cost_model.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>

#include "calibration_data.h"
#include "stargate/core/units.h"
#include "kernel_cost_tables.h"
#include "reference_cards.h"
#include "roofline.h"

namespace stargate {
namespace {

using perf_detail::CalibratedTables;
using perf_detail::soft_max;

// Storage bytes per element by Dtype (fp64, fp32, tf32, bf16, fp16, fp8, fp4) and GEMM output bytes (fp8/fp4
// GEMMs write bf16, as torch._scaled_mm in the calibration does).
constexpr double kInBytes[kDtypeCount] = {8, 4, 4, 2, 2, 1, 0.5};
constexpr double kOutBytes[kDtypeCount] = {8, 4, 4, 2, 2, 2, 2};
constexpr double kTileRows = 128;  // query rows per flash-attention tile

std::shared_ptr<const CalibratedTables> cached_tables(const std::string& folder, double peak_bf16, double peak_fp8,
                                                      double bandwidth) {
  static std::mutex mutex;
  static std::map<std::tuple<std::string, double, double, double>, std::shared_ptr<const CalibratedTables>> cache;
  const auto key = std::make_tuple(folder, peak_bf16, peak_fp8, bandwidth);
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  std::shared_ptr<const CalibratedTables> tables;
  if (auto data = perf_detail::load_calibration(folder))
    tables = perf_detail::build_tables(*data, peak_bf16, peak_fp8, bandwidth);
  cache.emplace(key, tables);
  return tables;
}

double positive_or(std::optional<double> value, double fallback) {
  return (value && *value > 0 && std::isfinite(*value)) ? *value : fallback;
}

}  // namespace

namespace {

// FlashAttention-2 on an H100 SXM5 (989.4 TFLOP/s bf16), head dim 128, TFLOP/s vs sequence length 512..16k:
// forward with the causal mask (Shah et al. 2024, FlashAttention-3, Fig. 5) and backward (Fig. 6).
constexpr double kFa2SeqLens[] = {512, 1024, 2048, 4096, 8192, 16384};
constexpr double kFa2ForwardTflops[] = {191, 260, 298, 319, 333, 335};
constexpr double kFa2BackwardTflops[] = {214, 260, 291, 310, 318, 322};
constexpr double kFa2ReferencePeak = 989.4e12;

}  // namespace

double flash_attention_2_flops_per_s(double seq_len, bool backward, double device_bf16_peak) {
  const double* rates = backward ? kFa2BackwardTflops : kFa2ForwardTflops;
  const int n = 6;
  const double x = std::log2(std::clamp(seq_len, kFa2SeqLens[0], kFa2SeqLens[n - 1]));
  int i = 0;
  while (i < n - 2 && x > std::log2(kFa2SeqLens[i + 1])) ++i;
  const double x0 = std::log2(kFa2SeqLens[i]), x1 = std::log2(kFa2SeqLens[i + 1]);
  const double tflops = rates[i] + (x - x0) / (x1 - x0) * (rates[i + 1] - rates[i]);
  return tflops * 1e12 * (device_bf16_peak > 0 ? device_bf16_peak / kFa2ReferencePeak : 1);
}

KernelCostModel KernelCostModel::for_device(const AcceleratorSpec& device, KernelCostOptions options) {
  KernelCostModel model;
  model.options_ = options;
  model.flash_attention_2_on_hopper_ = options.flash_attention_2 && device.architecture == "hopper";
  const auto [folder, own] = perf_detail::calibration_source(device);
  const perf_detail::ReferenceCard* card = perf_detail::reference_card(folder);

  // Datasheet of the card the curves come from: the device itself when it is the calibrated card.
  const double device_bf16 = device.bf16_peak_flops_per_s();
  const double device_bw = device.hbm_bandwidth_bytes_per_s > 0 ? device.hbm_bandwidth_bytes_per_s : 0;
  double ref_bf16 = card ? card->peak_bf16 : device_bf16;
  double ref_fp8 = card ? card->peak_fp8 : positive_or(device.peak(Dtype::fp8), 0);
  double ref_bw = card ? card->hbm_bandwidth : device_bw;
  if (own) {
    ref_bf16 = device_bf16 > 0 ? device_bf16 : ref_bf16;
    ref_fp8 = positive_or(device.peak(Dtype::fp8), ref_fp8);
    ref_bw = device_bw > 0 ? device_bw : ref_bw;
  }
  if (!(ref_bf16 > 0)) ref_bf16 = 989e12;  // a spec with no peaks at all: assume an H100-class card
  if (!(ref_bw > 0)) ref_bw = 3.35e12;

  model.tables_ = folder.empty() ? nullptr : cached_tables(folder, ref_bf16, ref_fp8, ref_bw);
  if (!model.tables_) model.tables_ = perf_detail::roofline_tables(ref_bf16, ref_fp8, ref_bw);
  const CalibratedTables& t = *model.tables_;
  model.scaled_from_ = !t.calibrated ? "roofline" : (own ? "" : folder);

  // Target peaks per dtype; a missing mode falls back to what a framework would run instead (fp16 ↔ bf16, fp32
  // as tf32, fp8 weights upcast to bf16, fp4 as fp8), and as last resort a fraction of bf16 (tf32 1/2, fp64 1/16,
  // the H100 ratios).
  const double bf16 = device_bf16 > 0 ? device_bf16 : t.peak_bf16;
  auto peak = [&](Dtype d) { return positive_or(device.peak(d), 0); };
  auto first = [](std::initializer_list<double> values) {
    for (double v : values)
      if (v > 0) return v;
    return 0.0;
  };
  auto set = [&](Dtype d, double value, bool fp8_rate) {
    model.target_peaks_[static_cast<int>(d)] = value;
    model.target_has_fp8_rate_[static_cast<int>(d)] = fp8_rate;
  };
  set(Dtype::bf16, bf16, false);
  set(Dtype::fp16, first({peak(Dtype::fp16), bf16}), false);
  set(Dtype::tf32, first({peak(Dtype::tf32), peak(Dtype::fp32), bf16 / 2}), false);
  set(Dtype::fp32, first({peak(Dtype::tf32), peak(Dtype::fp32), bf16 / 2}), false);
  set(Dtype::fp64, first({peak(Dtype::fp64), peak(Dtype::fp32), bf16 / 16}), false);
  if (peak(Dtype::fp8) > 0) set(Dtype::fp8, peak(Dtype::fp8), true);
  else set(Dtype::fp8, bf16, false);
  if (peak(Dtype::fp4) > 0) set(Dtype::fp4, peak(Dtype::fp4), true);
  else set(Dtype::fp4, model.target_peaks_[static_cast<int>(Dtype::fp8)],
           model.target_has_fp8_rate_[static_cast<int>(Dtype::fp8)]);

  const double target_bw = device_bw > 0 ? device_bw : t.hbm_bandwidth;
  model.ref_peak_bf16_ = t.peak_bf16;
  model.ref_bw_achievable_ = t.bw_achievable;
  model.target_bw_achievable_ = t.bw_achievable * target_bw / t.hbm_bandwidth;
  model.target_bw_streaming_ = t.bw_streaming * target_bw / t.hbm_bandwidth;
  if (!own && t.calibrated) model.pin_to_sustained_measurements(device);
  return model;
}

void KernelCostModel::pin_to_sustained_measurements(const AcceleratorSpec& device) {
  if (device.sustained_hbm_bandwidth_bytes_per_s > 0) {
    target_bw_achievable_ = target_bw_streaming_ = device.sustained_hbm_bandwidth_bytes_per_s;
    sustained_notes_.push_back("HBM at the measured sustained " +
                               format_quantity(device.sustained_hbm_bandwidth_bytes_per_s, Dimension::bandwidth));
  }
  // A large square GEMM, as the published sustained-GEMM runs use: the dtype's peak scales so that its time is the
  // measured rate's; every other shape keeps its efficiency relative to it (compute-bound times scale as 1/peak).
  constexpr double kSide = 16384;
  for (Dtype d : kAllDtypes) {
    const std::optional<double> measured = device.sustained_gemm_flops_per_s[static_cast<int>(d)];
    if (!measured) continue;
    for (int pass = 0; pass < 3; ++pass) {  // the soft roofline is not exactly 1/peak: a few fixed-point steps
      const double seconds = gemm_seconds(kSide, kSide, kSide, d);
      if (!(seconds > 0)) break;
      target_peaks_[static_cast<int>(d)] *= *measured / (2 * kSide * kSide * kSide / seconds);
    }
    sustained_notes_.push_back(std::string(dtype_name(d)) + " GEMMs pinned to the measured sustained " +
                               format_quantity(*measured, Dimension::flop_rate));
  }
}

const std::string& KernelCostModel::calibration_folder() const { return tables_->folder; }

double KernelCostModel::scale_work(double work_ref, double flops, double bytes_ref, double bytes_target,
                                   double target_peak) const {
  // Keep the fraction of the roofline the calibrated card reached at this shape; recompute the roofline.
  const double ref = soft_max(flops / ref_peak_bf16_, bytes_ref / ref_bw_achievable_);
  const double compute = flops / target_peak, memory = bytes_target / target_bw_achievable_;
  double work = ref > 0 ? work_ref * soft_max(compute, memory) / ref : work_ref;
  // Never beat the target's own roofline: its peak, and the fastest streaming its calibration measured (or, scaled
  // from another card, the datasheet-scaled one). Interpolated between measured shapes, the efficiency surface
  // can reach past it where small-m shapes meet wide N (a weight-streaming GEMM is at most as fast as decode
  // attention streaming its KV cache).
  return std::max(work, std::max(compute, bytes_target / target_bw_streaming_));
}

double KernelCostModel::finish(double work, double host_floor) const {
  const double device = tables_->t0 + work;
  return options_.cuda_graphs ? device : std::max(host_floor, device);
}

double KernelCostModel::target_peak(Dtype dtype, bool& uses_fp8_rate) const {
  const int d = static_cast<int>(dtype);
  if (d < 0 || d >= 7) {
    uses_fp8_rate = false;
    return target_peaks_[static_cast<int>(Dtype::bf16)];
  }
  uses_fp8_rate = target_has_fp8_rate_[d];
  return target_peaks_[d];
}

double KernelCostModel::gemm_seconds(double m, double n, double k, Dtype dtype) const {
  if (!(m > 0 && n > 0 && k > 0)) return 0;
  const CalibratedTables& t = *tables_;
  const int d = std::clamp(static_cast<int>(dtype), 0, 6);
  bool fp8_rate = false;
  double peak = target_peak(dtype, fp8_rate);
  const double flops = 2 * m * n * k;
  if (fp8_rate && !t.fp8_ratio.empty()) peak *= std::exp(t.fp8_ratio.at(std::log2(flops)));
  const double work = scale_work(perf_detail::gemm_work_seconds(t, m, n, k), flops,
                                 perf_detail::gemm_bytes(m, n, k, 2, 2),
                                 perf_detail::gemm_bytes(m, n, k, kInBytes[d], kOutBytes[d]), peak);
  return finish(work, fp8_rate ? t.floor_fp8 : t.floor_gemm);
}

double KernelCostModel::gemm_efficiency(double m, double n, double k, Dtype dtype) const {
  const double seconds = gemm_seconds(m, n, k, dtype);
  bool fp8_rate = false;
  const double peak = target_peak(dtype, fp8_rate);
  return seconds > 0 ? 2 * m * n * k / (peak * seconds) : 0;
}

double KernelCostModel::grouped_gemm_seconds(int groups, double m_per_group, double n, double k, Dtype dtype,
                                             GroupedGemmLaunch launch) const {
  if (groups <= 0 || !(m_per_group > 0 && n > 0 && k > 0)) return 0;
  const CalibratedTables& t = *tables_;
  const int d = std::clamp(static_cast<int>(dtype), 0, 6);
  bool fp8_rate = false;
  double peak = target_peak(dtype, fp8_rate);
  const double g = groups, flops = g * 2 * m_per_group * n * k;
  if (fp8_rate && !t.fp8_ratio.empty()) peak *= std::exp(t.fp8_ratio.at(std::log2(flops / g)));
  // The experts' weights side by side: [m, k]·[k, groups·n] has the same FLOPs, weight bytes and rows per expert
  // (tile efficiency) as the batched kernel. moe_bmm.json is not fitted; it validates this (median error 6-8%).
  const double work_ref = perf_detail::gemm_work_seconds(t, m_per_group, g * n, k);
  const double work =
      scale_work(work_ref, flops, g * perf_detail::gemm_bytes(m_per_group, n, k, 2, 2),
                 g * perf_detail::gemm_bytes(m_per_group, n, k, kInBytes[d], kOutBytes[d]), peak);
  const double floor = fp8_rate ? t.floor_fp8 : t.floor_gemm;
  return finish(work, launch == GroupedGemmLaunch::per_expert ? g * floor : floor);
}

namespace {
struct AttentionShape {
  double flops, key, tiles, bytes;
};
AttentionShape attention_shape(double b, double heads, double kv_heads, double head_dim, double s_q, double s_kv,
                               bool causal, bool backward) {
  const double pairs = perf_detail::attention_pairs(s_q, s_kv, causal);
  const double io = backward ? 4 : 2;  // Q,O (+dO,dQ) and K,V (+dK,dV) tensors, bf16
  return {(backward ? 2.5 : 1.0) * 4 * b * heads * head_dim * pairs, std::log2(2 * pairs / s_q),
          b * heads * std::ceil(s_q / kTileRows), 2 * b * head_dim * io * (s_q * heads + s_kv * kv_heads)};
}
}  // namespace

double KernelCostModel::attention_forward_seconds(double b, double heads, double kv_heads, double head_dim,
                                                  double s_q, double s_kv, bool causal) const {
  if (!(b > 0 && heads > 0 && kv_heads > 0 && head_dim > 0 && s_q > 0 && s_kv > 0)) return 0;
  const CalibratedTables& t = *tables_;
  const AttentionShape a = attention_shape(b, heads, kv_heads, head_dim, s_q, s_kv, causal, false);
  const double work_ref = std::max(a.flops / (t.peak_bf16 * t.attn_fwd.efficiency(a.key, a.tiles)),
                                   a.bytes / t.bw_achievable);
  double work = scale_work(work_ref, a.flops, a.bytes, a.bytes, target_peaks_[int(Dtype::bf16)]);
  if (flash_attention_2_on_hopper_) {
    work = std::max(work, a.flops / flash_attention_2_flops_per_s(s_kv, false, target_peaks_[int(Dtype::bf16)]));
  }
  return finish(work, t.floor_attention);
}

double KernelCostModel::attention_backward_seconds(double b, double heads, double kv_heads, double head_dim,
                                                   double s_q, double s_kv, bool causal) const {
  if (!(b > 0 && heads > 0 && kv_heads > 0 && head_dim > 0 && s_q > 0 && s_kv > 0)) return 0;
  const CalibratedTables& t = *tables_;
  const AttentionShape a = attention_shape(b, heads, kv_heads, head_dim, s_q, s_kv, causal, true);
  const double work_ref = std::max(a.flops / (t.peak_bf16 * t.attn_bwd.efficiency(a.key, a.tiles)),
                                   a.bytes / t.bw_achievable);
  double work = scale_work(work_ref, a.flops, a.bytes, a.bytes, target_peaks_[int(Dtype::bf16)]);
  if (flash_attention_2_on_hopper_) {
    work = std::max(work, a.flops / flash_attention_2_flops_per_s(s_kv, true, target_peaks_[int(Dtype::bf16)]));
  }
  return finish(work, t.floor_attention);
}

double KernelCostModel::decode_attention_seconds(double b, double heads, double kv_heads, double head_dim,
                                                 double ctx, double kv_bytes_per_elem) const {
  const double kv_bytes = b * ctx * kv_heads * head_dim * 2 * kv_bytes_per_elem;
  if (!(kv_bytes > 0) || !(heads > 0) || !std::isfinite(kv_bytes)) return 0;
  const CalibratedTables& t = *tables_;
  const double work_ref = std::exp(t.decode_work.at(std::log2(kv_bytes)));
  const double flops = 4 * b * heads * ctx * head_dim;
  const double work = scale_work(work_ref, flops, kv_bytes, kv_bytes, target_peaks_[int(Dtype::bf16)]);
  return finish(work, t.floor_attention);
}

double KernelCostModel::memory_bound_seconds(double bytes) const {
  if (!(bytes > 0) || !std::isfinite(bytes)) return 0;
  const CalibratedTables& t = *tables_;
  const double work_ref = std::exp(t.copy_work.at(std::log2(bytes)));
  const double work = scale_work(work_ref, 0, bytes, bytes, target_peaks_[int(Dtype::bf16)]);
  return finish(work, t.floor_copy);
}

double KernelCostModel::launch_overhead_seconds() const {
  return options_.cuda_graphs ? tables_->t0 : std::max(tables_->floor_copy, tables_->t0);
}

}  // namespace stargate
