#pragma once
// Everything the kernel cost model derives from one calibration folder, precomputed once (see
// kernel_cost_tables.cc for how each entry is fitted). Times are on the calibrated card, in seconds.
#include <cmath>
#include <memory>
#include <string>

#include "calibration_data.h"
#include "gemm_surface.h"
#include "log_curve.h"
#include "log_grid3.h"

namespace stargate::perf_detail {

// Flash-attention efficiency model: eff = e_inf(key) · T / (T + half_tiles), where key = log2 of twice the mean
// keys per query (the sequence length for a causal square), T = b·heads·⌈s_q/128⌉ query tiles. e_inf is the
// efficiency with the whole card busy; half_tiles is fitted so that batched and unbatched rows agree.
struct AttentionCurve {
  LogCurve log_eff_inf;   // ln(work efficiency vs bf16 peak) at full occupancy, over the key
  double half_tiles = 0;  // tiles at which occupancy reaches one half
  double efficiency(double key_log2, double tiles) const {
    return std::exp(log_eff_inf.at(key_log2)) * tiles / (tiles + half_tiles);
  }
};

struct CalibratedTables {
  std::string folder;
  bool calibrated = false;  // false: no data, fixed-efficiency roofline fallback
  double peak_bf16 = 0;     // datasheet FLOP/s of the calibrated card (efficiencies are relative to it)
  double peak_fp8 = 0;
  double hbm_bandwidth = 0;  // datasheet bytes/s
  double bw_achievable = 0;  // bytes/s the copy kernel reaches on large tensors (fit slope)
  // bytes/s of the fastest streaming kernel measured (copies, decode attention reading its KV): what no kernel on
  // the card beats (KernelCostModel's roofline floor).
  double bw_streaming = 0;
  double t0 = 0;             // device-side fixed time per kernel (fit intercept of copy time vs bytes)
  // Eager host dispatch floors (median of the calls within 10% of the fastest of each kind). The attention floor
  // comes from the decode rows and serves prefill too (same scaled_dot_product_attention entry point).
  double floor_copy = 0, floor_gemm = 0, floor_fp8 = 0, floor_attention = 0;
  LogGrid3 gemm_work;          // ln(work s) of bf16 GEMMs over log2 m, n, k
  LogCurve fp8_ratio;          // ln(fp8 efficiency / bf16 efficiency at the same shape), constant; empty: 1
  LogCurve copy_work;          // ln(work s) over log2 bytes moved
  LogCurve decode_work;        // ln(work s) over log2 KV bytes read
  AttentionCurve attn_fwd, attn_bwd;
};

// Fits the tables for `data` measured on a card with the given datasheet bf16 / fp8 peaks and HBM bandwidth.
std::shared_ptr<const CalibratedTables> build_tables(const CalibrationData& data, double peak_bf16,
                                                     double peak_fp8, double hbm_bandwidth,
                                                     const GemmSurfaceParams& gemm_params = {});

// Tables for a card with no calibration at all: fixed efficiencies (GEMM 0.7, attention 0.5, memory 0.85).
std::shared_ptr<const CalibratedTables> roofline_tables(double peak_bf16, double peak_fp8, double hbm_bandwidth);

// GEMM work on the calibrated card (bf16), s; 0 for non-positive sizes. Below the table (M < 1, N or K < 512) the
// work at the table's edge scaled by the ratio of roofline times. Used by the model and by tests.
double gemm_work_seconds(const CalibratedTables& t, double m, double n, double k);

// (query, key) pairs attention computes: s_q·s_kv, or with the bottom-right-aligned causal mask s_q·s_kv − s_q²/2
// (s_q ≤ s_kv; s_kv²/2 otherwise), the count FlashAttention's FLOP convention uses.
double attention_pairs(double s_q, double s_kv, bool causal);

}  // namespace stargate::perf_detail
