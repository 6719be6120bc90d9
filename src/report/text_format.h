#pragma once
// Internal to report/: the number formats and table pieces every rendering shares, so a percentage or a Markdown
// row looks the same in each output.
#include <string>
#include <vector>

namespace stargate::report_detail {

// 0.123 → "12.3%", or "+12.3%" with `sign`.
std::string percent(double fraction, bool sign);
// `part` as a share of `whole` in a 5-wide column ("  2.5%"); empty when `whole` is not positive.
std::string share_of(double part, double whole);
// Four significant digits ("%.4g").
std::string significant(double value);
// Dollars with the largest of B / M that fits: "$1.5B", "$20.0M", "$950".
std::string money(double usd);

// A Markdown table cell: '|' becomes '/', a newline a space.
std::string markdown_cell(std::string text);
// "| a | b |\n" (cells are not escaped: see markdown_cell).
std::string markdown_row(const std::vector<std::string>& cells);
// The header row and the |---| separator under it.
std::string markdown_header(const std::vector<std::string>& columns);

}  // namespace stargate::report_detail
