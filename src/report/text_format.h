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
// Fixed point with `decimals` digits and a comma every three integer digits: 1314864 → "1,314,864",
// 3287.25 (1 decimal) → "3,287.2" (rounded as printf rounds); -1234 → "-1,234".
std::string thousands(double value, int decimals = 0);
// A count for prose, three significant digits with a word-sized suffix: 950 → "950", 66300000 → "66.3 M",
// 5.76e9 → "5.76 B", 1.15e14 → "115 T"; at 1e15 and above a plain power of ten: 3.8e26 → "3.8e26"
// (never the "e+09" form). Suffixes: k (1e3), M (1e6), B (1e9), T (1e12).
std::string magnitude(double value);

// A Markdown table cell: '|' becomes '/', a newline a space.
std::string markdown_cell(std::string text);
// "| a | b |\n" (cells are not escaped: see markdown_cell).
std::string markdown_row(const std::vector<std::string>& cells);
// The header row and the |---| separator under it.
std::string markdown_header(const std::vector<std::string>& columns);

}  // namespace stargate::report_detail
