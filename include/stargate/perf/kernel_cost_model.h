#pragma once
// Calibrated kernel cost model: the time of one operator on one device.
//
// Model (DESIGN.md "Kernel time"): every kernel is
//     device_time = t0 + work,      work = measured shape efficiency applied to the roofline,
//     eager time  = max(host dispatch floor of that kernel kind, device_time),
//     graph time  = device_time     (KernelCostOptions::cuda_graphs: no host dispatch per kernel).
// `work` comes from the microbenchmarks in data/calibration/<card>/ (interpolated over shape, not a constant).
// A card without its own folder reuses the nearest calibrated card's curves: each shape keeps the fraction of
// its roofline that the calibrated card reached, and the roofline is recomputed with the target's datasheet peak
// FLOP/s and HBM bandwidth (a soft max of the compute and memory times), so compute-bound shapes scale with
// FLOP/s and memory-bound shapes with bandwidth.
//
// Units: seconds, FLOP, bytes. Every *_seconds() result already includes the fixed per-kernel cost (t0 and, in
// eager mode, the host floor): do not add launch_overhead_seconds() on top of it. Non-positive or NaN sizes
// return 0. Results are finite and non-negative for any finite input; nothing throws.
#include <memory>
#include <string>
#include <vector>

#include "stargate/catalog/accelerator.h"
#include "stargate/catalog/dtype.h"
#include "stargate/mapping/grouped_gemm_launch.h"

namespace stargate {

namespace perf_detail {
struct CalibratedTables;
}

// FlashAttention-2's achieved FLOP/s on a Hopper card with `device_bf16_peak` (the H100 SXM5 figures scaled by
// peak), interpolated in log(sequence length) and clamped to the published 512..16k range.
double flash_attention_2_flops_per_s(double seq_len, bool backward, double device_bf16_peak);

struct KernelCostOptions {
  // CUDA graphs remove the host's per-kernel dispatch: kernels cost their device time only.
  bool cuda_graphs = false;
  // The framework runs attention through the FlashAttention-2 kernel (PyTorch SDPA's default flash backend
  // before cuDNN attention became the default on Hopper in PyTorch 2.11; flash-attn 2). FlashAttention-2 does not
  // use Hopper's warpgroup tensor-core instructions: on a Hopper card attention runs no faster than the published
  // FlashAttention-2 rates (Shah et al. 2024, FlashAttention-3, Figs. 5-6, H100 SXM5), scaled by the card's bf16
  // peak. The calibration itself times PyTorch 2.11 SDPA, i.e. cuDNN attention.
  bool flash_attention_2 = false;
};

class KernelCostModel {
 public:
  // Builds the model for `device`: uses its own calibration folder when it has one (device.calibration is
  // embedded), otherwise the nearest calibrated card (HBM generation, then release date: h100 unless h200 is
  // closer) scaled by datasheet peaks. Parsed tables are cached per folder, so repeated calls are cheap.
  static KernelCostModel for_device(const AcceleratorSpec& device, KernelCostOptions options = {});

  // Calibration folder this model borrowed from ("h100"); empty when calibrated on this exact card.
  // "roofline" when no calibration data is embedded at all (fixed efficiencies, a degraded fallback).
  const std::string& scaled_from() const { return scaled_from_; }
  // What the card's published sustained measurements pinned (AcceleratorSpec::sustained_gemm_flops_per_s,
  // sustained_hbm_bandwidth_bytes_per_s) when it is scaled from another card: "fp8 GEMMs pinned to the measured
  // sustained 2.74 PFLOP/s"; empty otherwise.
  const std::vector<std::string>& sustained_notes() const { return sustained_notes_; }
  // Calibration folder whose measurements drive the model ("h100", "h200").
  const std::string& calibration_folder() const;
  const KernelCostOptions& options() const { return options_; }
  // Attention is held to FlashAttention-2's published rates (options().flash_attention_2 on a Hopper card).
  bool attention_capped_at_flash_attention_2() const { return flash_attention_2_on_hopper_; }

  // C[m,n] = A[m,k]·B[k,n] in `dtype` (fp8/fp4: output bf16; fp32/tf32: run at the tf32 peak).
  double gemm_seconds(double m, double n, double k, Dtype dtype) const;
  // Achieved FLOP/s of that GEMM divided by the device's peak for `dtype` (0 when the time is 0).
  double gemm_efficiency(double m, double n, double k, Dtype dtype) const;
  // `groups` independent GEMMs [m_per_group,k]·[k,n] (MoE experts, each with own weights), costed on the device
  // as the GEMM [m_per_group,k]·[k,groups·n] (same FLOPs, weight bytes and rows per expert). Launched as one
  // kernel, it pays one host floor in eager mode; launched per expert, `groups` GEMM launches: eager time
  // max(groups · GEMM host floor, device time) (the experts' GEMMs overlap on the device across streams, but
  // the host issues them one after another).
  double grouped_gemm_seconds(int groups, double m_per_group, double n, double k, Dtype dtype,
                              GroupedGemmLaunch launch = GroupedGemmLaunch::one_kernel) const;

  // Flash attention (bf16), batch b, `heads` query heads over `kv_heads`, s_q queries against s_kv keys.
  // Causal counts the bottom-right-aligned mask (s_q·s_kv − s_q²/2 pairs). FLOPs: forward 4·b·h·d·pairs,
  // backward 2.5× forward (FlashAttention-2 convention). Efficiency vs FLOPs comes from attn.json prefill rows.
  double attention_forward_seconds(double b, double heads, double kv_heads, double head_dim, double s_q,
                                   double s_kv, bool causal) const;
  double attention_backward_seconds(double b, double heads, double kv_heads, double head_dim, double s_q,
                                    double s_kv, bool causal) const;
  // Decode attention: one query token per sequence over `ctx` cached tokens; memory-bound on the KV bytes
  // b·ctx·kv_heads·head_dim·2·kv_bytes_per_elem, at the bandwidth attn.json decode rows reach for that size.
  double decode_attention_seconds(double b, double heads, double kv_heads, double head_dim, double ctx,
                                  double kv_bytes_per_elem) const;

  // A memory-bound kernel moving `bytes` (read + written), e.g. norms, activations, residual, optimizer step;
  // achieved bandwidth vs size from the membw.json copy rows.
  double memory_bound_seconds(double bytes) const;

  // Fixed cost of one kernel launch, already inside every result above. Eager: the host dispatch floor of the
  // cheapest kernel (the smallest membw.json copy, ≈6 µs on H100); a kernel shorter than this is host-bound.
  // cuda_graphs: t0, the device-side fixed latency (intercept of the copy time vs bytes fit, ≈3 µs on H100).
  double launch_overhead_seconds() const;

 private:
  KernelCostModel() = default;
  double scale_work(double work_ref, double flops, double bytes_ref, double bytes_target, double target_peak) const;
  double finish(double work, double host_floor) const;
  double target_peak(Dtype dtype, bool& uses_fp8_rate) const;

  std::shared_ptr<const perf_detail::CalibratedTables> tables_;
  KernelCostOptions options_;
  std::string scaled_from_;
  std::vector<std::string> sustained_notes_;
  void pin_to_sustained_measurements(const AcceleratorSpec& device);
  bool flash_attention_2_on_hopper_ = false;  // options_.flash_attention_2 on a Hopper card
  double ref_peak_bf16_ = 0;              // FLOP/s of the calibrated card (efficiencies are relative to it)
  double ref_bw_achievable_ = 0;          // bytes/s the calibrated card's copy reached
  double target_bw_achievable_ = 0;       // target HBM bandwidth × the same achievable fraction
  double target_bw_streaming_ = 0;        // the fastest measured streaming, scaled the same way (roofline floor)
  double target_peaks_[kDtypeCount] = {};         // FLOP/s per Dtype after fallbacks (see target_peak)
  bool target_has_fp8_rate_[kDtypeCount] = {};    // whether that peak is an fp8/fp4 tensor-core rate
};

}  // namespace stargate
