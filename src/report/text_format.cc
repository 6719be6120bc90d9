#include "text_format.h"

#include <fmt/format.h>

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
