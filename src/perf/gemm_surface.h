#pragma once
// The GEMM work surface of one calibrated card: ln(work seconds) of a bf16 GEMM over log2 (m, n, k), where
// work = measured time − t0 (the device's fixed per-kernel latency).
//
// Construction: (1) every measured shape gives ln(work); shapes at the host dispatch floor only bound their
// work, so it is estimated by the roofline (max(bytes/achievable bw, FLOPs/(0.7·peak))), capped at floor − t0.
// (2) A base is the log-space multilinear interpolation over the regular grid rows (M × N × K). (3) The other
// rows (model layer shapes, fine M sweep) correct the base where they lie: a Gaussian-kernel average of their
// residuals (Nadaraya-Watson, shrunk towards 0 by a prior weight) added on a dense grid (¼ octave). (4) The
// dense grid is made non-decreasing along each axis, so more work never takes less time.
#include <vector>

#include "calibration_data.h"
#include "log_grid3.h"

namespace stargate::perf_detail {

struct GemmSurfaceParams {
  double sigma_m = 0.5;       // kernel width along log2 M, octaves
  double sigma_nk = 0.5;      // kernel width along log2 N and log2 K, octaves
  double prior_weight = 0.3;  // weight of "no correction"; a lone point at distance 0 has weight 1
  double floor_margin = 1.1;  // a shape under floor × margin is host-bound
  bool monotone = true;       // step (4); off only to measure what it costs
};

struct GemmCardFit {
  double t0 = 0;             // fixed device latency per kernel, s
  double host_floor = 0;     // eager dispatch floor of a GEMM call, s
  double peak = 0;           // bf16 datasheet FLOP/s of the calibrated card
  double bw_achievable = 0;  // bytes/s its copy kernel reached
};

// ln(work seconds) a measured sample stands for (see (1) above).
double gemm_sample_log_work(const GemmSample& s, const GemmCardFit& fit, const GemmSurfaceParams& params);

LogGrid3 build_gemm_surface(const std::vector<GemmSample>& samples, const GemmCardFit& fit,
                            const GemmSurfaceParams& params = {});

}  // namespace stargate::perf_detail
