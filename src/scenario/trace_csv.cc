// Request traces (CSV: arrival_s,input_tokens,output_tokens), read strictly: every row is exactly three numbers,
// arrivals finite within the simulator's span, token counts whole numbers within the request-length limit.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "serving_reader.h"
#include "stargate/core/units.h"

namespace stargate {
namespace {

// The next comma-separated field of `line` (advancing it), without surrounding spaces.
std::string_view next_field(std::string_view& line) {
  const size_t comma = line.find(',');
  std::string_view field = line.substr(0, comma);
  line = comma == std::string_view::npos ? std::string_view() : line.substr(comma + 1);
  while (!field.empty() && (field.front() == ' ' || field.front() == '\t')) field.remove_prefix(1);
  while (!field.empty() && (field.back() == ' ' || field.back() == '\t')) field.remove_suffix(1);
  return field;
}

bool parse_number(std::string_view text, double& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && !text.empty() && std::isfinite(out);
}

bool parse_tokens(std::string_view text, int& out) {
  double value = 0;
  if (!parse_number(text, value) || integer_limit_violation(value, limits::request_tokens, "")) return false;
  out = static_cast<int>(value);
  return true;
}

// Parses one data row; false when it is not three valid fields.
bool parse_row(std::string_view line, TraceRow& row) {
  if (std::count(line.begin(), line.end(), ',') != 2) return false;
  const std::string_view arrival = next_field(line), input = next_field(line), output = next_field(line);
  return parse_number(arrival, row.arrival) && row.arrival >= 0 &&
         row.arrival <= serving_limits::max_simulated_seconds && parse_tokens(input, row.input_tokens) &&
         parse_tokens(output, row.output_tokens);
}

}  // namespace

std::vector<TraceRow> parse_trace_csv(const std::string& text, const std::string& file) {
  std::vector<TraceRow> rows;
  if (text.find('\0') != std::string::npos) {
    throw InputError(SourceLocation{file, 0, 0}, "trace", "not a text file (contains NUL bytes)");
  }
  std::string_view rest = text;
  int number = 0;
  while (!rest.empty()) {
    const size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    if (number == 1 && line.find_first_of("0123456789") != 0) continue;  // header
    TraceRow row;
    if (!parse_row(line, row)) {
      const std::string shown = line.size() > 80 ? std::string(line.substr(0, 80)) + "..." : std::string(line);
      throw InputError(SourceLocation{file, number, 1}, "trace",
                       "expected 'arrival_s,input_tokens,output_tokens' with 0 ≤ arrival ≤ " +
                           format_quantity(serving_limits::max_simulated_seconds, Dimension::time) +
                           " and whole lengths from 1 to " + std::to_string(limits::request_tokens.max) + ", got '" +
                           shown + "'");
    }
    if (static_cast<int64_t>(rows.size()) >= limits::materialized_requests.max) {
      throw InputError(SourceLocation{file, number, 1}, "trace",
                       "more than " + std::to_string(limits::materialized_requests.max) + " requests");
    }
    rows.push_back(row);
  }
  if (rows.empty()) throw InputError(SourceLocation{file, 1, 1}, "trace", "the trace has no requests");
  return rows;
}

}  // namespace stargate
