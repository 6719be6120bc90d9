#include <charconv>

#include "stargate/fleet/fleet_scenario.h"

namespace stargate {

Quarter make_quarter(int year, int q) { return year * 4 + (q - 1); }

std::string quarter_name(Quarter q) { return std::to_string(q / 4) + "Q" + std::to_string(q % 4 + 1); }

std::optional<Quarter> parse_quarter(std::string_view text) {
  if (text.size() != 6 || (text[4] != 'Q' && text[4] != 'q')) return std::nullopt;
  int year = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + 4, year);
  if (ec != std::errc() || ptr != text.data() + 4 || year < 1900 || year > 2200) return std::nullopt;
  const int q = text[5] - '0';
  if (q < 1 || q > 4) return std::nullopt;
  return make_quarter(year, q);
}

double StepSchedule::at(Quarter q) const {
  double value = 0;
  for (const auto& [from, v] : steps) {
    if (from <= q) value = v;
  }
  return value;
}

}  // namespace stargate
