#include "text_format.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>

namespace stargate::report_detail {

std::string percent(double fraction, bool sign) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, sign ? "%+.1f%%" : "%.1f%%", 100 * fraction);
  return buffer;
}

std::string share_of(double part, double whole) {
  return whole > 0 ? fmt::format("{:5.1f}%", 100 * part / whole) : "";
}

std::string significant(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

std::string money(double usd) {
  if (usd >= 1e9) return fmt::format("${:.1f}B", usd / 1e9);
  if (usd >= 1e6) return fmt::format("${:.1f}M", usd / 1e6);
  return fmt::format("${:.0f}", usd);
}

std::string thousands(double value, int decimals) {
  const std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const size_t point = digits.find('.');
  const std::string integer = digits.substr(0, point);
  std::string grouped;
  for (size_t i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) grouped += ',';
    grouped += integer[i];
  }
  const bool negative = value < 0 && digits.find_first_not_of("0.") != std::string::npos;
  return (negative ? "-" : "") + grouped + (point == std::string::npos ? "" : digits.substr(point));
}

std::string magnitude(double value) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  struct Suffix {
    double scale;
    const char* name;
  };
  const double size = std::fabs(value);
  if (size >= 0.9995e15) {  // what would round to "1e+03 T" is a power of ten already
    const int exponent = static_cast<int>(std::floor(std::log10(size)));
    std::string mantissa = fmt::format("{:.3g}", value / std::pow(10.0, exponent));
    if (mantissa == "10" || mantissa == "-10") return fmt::format("{}e{}", value < 0 ? "-1" : "1", exponent + 1);
    return fmt::format("{}e{}", mantissa, exponent);
  }
  for (const Suffix& s : {Suffix{1e12, "T"}, Suffix{1e9, "B"}, Suffix{1e6, "M"}, Suffix{1e3, "k"}}) {
    // 999,999 rounds to "1e+03 k" at 3 digits: such a value takes the next suffix up.
    if (size >= s.scale * 0.9995) return fmt::format("{:.3g} {}", value / s.scale, s.name);
  }
  return fmt::format("{:.3g}", value);
}

std::string markdown_cell(std::string text) {
  for (char& c : text) {
    if (c == '|') c = '/';
    if (c == '\n') c = ' ';
  }
  return text;
}

std::string markdown_row(const std::vector<std::string>& cells) {
  std::string row = "|";
  for (const std::string& cell : cells) row += " " + cell + " |";
  return row + "\n";
}

std::string markdown_header(const std::vector<std::string>& columns) {
  std::string rule = "|";
  for (size_t i = 0; i < columns.size(); ++i) rule += "---|";
  return markdown_row(columns) + rule + "\n";
}

}  // namespace stargate::report_detail
