#pragma once
// Roofline helpers shared by the kernel cost model (units: FLOP, bytes, seconds).
#include <algorithm>
#include <cmath>

namespace stargate::perf_detail {

// Soft maximum (a⁴ + b⁴)^(1/4) of a compute time and a memory time: equal to the larger one when they differ
// a lot, up to 19% above it when they are equal (both pipes busy). The sharpness 4 is the one that best carries
// H100 GEMM times to H200 (same FLOP/s, 1.43× bandwidth): median error 4.3%, vs 8% for a plain sum.
inline double soft_max(double a, double b) {
  const double hi = std::max(a, b);
  if (!(hi > 0)) return 0;
  const double r = std::min(a, b) / hi;
  const double r2 = r * r;
  const double sum = 1 + r2 * r2;
  if (sum == 1) return hi;  // r < ~1e-4 (a memory-bound copy has no FLOPs): the roots of 1 are 1, skip them
  return hi * std::sqrt(std::sqrt(sum));
}

// Bytes a bf16 GEMM C[m,n] = A[m,k]·B[k,n] reads and writes once.
inline double gemm_bytes(double m, double n, double k, double in_bytes, double out_bytes) {
  return in_bytes * (m * k + k * n) + out_bytes * m * n;
}

}  // namespace stargate::perf_detail
