#pragma once
// Internal: number formatting shared by the text and markdown validation reports.
#include <cstdio>
#include <string>

namespace stargate::validation_detail {

// 0.123 → "12.3%" (or "+12.3%" with sign).
inline std::string pct(double fraction, bool sign) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, sign ? "%+.1f%%" : "%.1f%%", 100 * fraction);
  return buffer;
}

// Four significant digits.
inline std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

}  // namespace stargate::validation_detail
