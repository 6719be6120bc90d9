// Request traces (CSV: arrival_s,input_tokens,output_tokens[,prefix_id[,prefix_tokens[,session_id]]]), read
// strictly: arrivals finite within the simulator's span, token counts whole numbers within the request-length
// limit. The optional columns give the request's prefix identity (ServingRequest): an id is any text (empty =
// none); prefix_tokens defaults to the whole prompt and may not exceed it.
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

// An id column's value as a nonzero 64-bit key (FNV-1a of its text); 0 when empty.
uint64_t parse_id(std::string_view text) {
  if (text.empty()) return 0;
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h == 0 ? 1 : h;
}

// Parses the optional prefix columns; false when prefix_tokens is not a whole number within the prompt.
bool parse_prefix_columns(std::string_view line, size_t fields, TraceRow& row) {
  if (fields >= 4) row.prefix_id = parse_id(next_field(line));
  if (row.prefix_id != 0) row.prefix_tokens = row.input_tokens;
  if (fields >= 5) {
    const std::string_view tokens = next_field(line);
    if (!tokens.empty()) {
      double value = 0;
      if (!parse_number(tokens, value) || integer_limit_violation(value, {0, row.input_tokens}, "")) return false;
      row.prefix_tokens = static_cast<int>(value);
    }
  }
  if (fields >= 6) row.session_id = parse_id(next_field(line));
  return true;
}

// Parses one data row; false when it is not three valid fields and at most three valid optional ones.
bool parse_row(std::string_view line, TraceRow& row) {
  const size_t fields = static_cast<size_t>(std::count(line.begin(), line.end(), ',')) + 1;
  if (fields < 3 || fields > 6) return false;
  const std::string_view arrival = next_field(line), input = next_field(line), output = next_field(line);
  return parse_number(arrival, row.arrival) && row.arrival >= 0 &&
         row.arrival <= serving_limits::max_simulated_seconds && parse_tokens(input, row.input_tokens) &&
         parse_tokens(output, row.output_tokens) && parse_prefix_columns(line, fields, row);
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
                       "expected 'arrival_s,input_tokens,output_tokens[,prefix_id[,prefix_tokens[,session_id]]]' "
                       "with 0 ≤ arrival ≤ " +
                           format_quantity(serving_limits::max_simulated_seconds, Dimension::time) +
                           ", whole lengths from 1 to " + std::to_string(limits::request_tokens.max) +
                           " and prefix_tokens at most input_tokens, got '" +
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
