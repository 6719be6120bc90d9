#pragma once
// Internal: the size rounding behind the step-time memo keys (step_time.cc).
#include <bit>
#include <cmath>
#include <cstdint>

namespace stargate::serving_detail {

// Rounds x to 7 significant bits (relative step ≤ 1/64) above 64, half away from zero; exact below. Memo keys and
// the values timed both use the rounded number, so equal keys always mean equal inputs.
// Above 64 the rounding works on the IEEE-754 bits (x = 1.f·2^E: keep the 6 leading bits of f, adding half of the
// last kept bit first; a carry into the exponent gives the next power of two): it equals
// ldexp(round(m·128)/128, e) with x = m·2^e, m in [0.5, 1), bit for bit (size_bucket_test), and it runs on
// every simulated iteration.
inline double bucket(double x) {
  if (!(x > 64) || !std::isfinite(x)) return std::round(x);
  constexpr uint64_t kDropped = (uint64_t{1} << 46) - 1;  // the 46 low bits of the 52-bit fraction
  const uint64_t bits = std::bit_cast<uint64_t>(x) + (uint64_t{1} << 45);
  return std::bit_cast<double>(bits & ~kDropped);
}

}  // namespace stargate::serving_detail
