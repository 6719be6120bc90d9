#include "stargate/core/value_limits.h"

#include <cmath>

namespace stargate {
namespace {

std::string range_text(const IntegerLimit& limit) {
  return "between " + std::to_string(limit.min) + " and " + std::to_string(limit.max);
}

}  // namespace

std::optional<std::string> integer_limit_violation(double value, const IntegerLimit& limit, const std::string& text) {
  if (!std::isfinite(value) || value != std::floor(value)) {
    return "expected a whole number " + range_text(limit) + ", got '" + text + "'";
  }
  // Compared as doubles: limits are far below 2^53, so the comparison is exact and nothing is narrowed first.
  if (value < static_cast<double>(limit.min) || value > static_cast<double>(limit.max)) {
    return "must be " + range_text(limit) + ", got '" + text + "'";
  }
  return std::nullopt;
}

std::optional<std::string> integer_limit_violation(int64_t value, const IntegerLimit& limit) {
  if (value < limit.min || value > limit.max) {
    return "must be " + range_text(limit) + ", got '" + std::to_string(value) + "'";
  }
  return std::nullopt;
}

}  // namespace stargate
