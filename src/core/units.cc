#include "stargate/core/units.h"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

namespace stargate {
namespace {

struct UnitSpelling {
  std::string_view suffix;
  double factor;  // to the dimension's base unit
};

constexpr double kHour = 3600.0;
constexpr double kDay = 24 * kHour;
constexpr double kKwh = 3.6e6;  // joules

const std::vector<UnitSpelling>& spellings(Dimension dimension) {
  static const std::vector<UnitSpelling> count = {{"", 1},        {"K", 1e3},      {"k", 1e3},
                                                  {"M", 1e6},     {"B", 1e9},      {"G", 1e9},
                                                  {"T", 1e12},    {"P", 1e15},     {"Ki", 1024.0},
                                                  {"Mi", kBytesPerMiB}, {"Gi", kBytesPerGiB},
                                                  {"Ti", kBytesPerTiB}};
  static const std::vector<UnitSpelling> power = {{"W", 1}, {"kW", 1e3}, {"MW", 1e6}, {"GW", 1e9}};
  static const std::vector<UnitSpelling> energy = {{"J", 1},           {"kJ", 1e3},         {"MJ", 1e6},
                                                   {"GJ", 1e9},        {"Wh", 3600},        {"kWh", kKwh},
                                                   {"MWh", kKwh * 1e3}, {"GWh", kKwh * 1e6}, {"TWh", kKwh * 1e9}};
  static const std::vector<UnitSpelling> bytes = {
      {"B", 1},        {"KB", 1e3},           {"kB", 1e3},           {"MB", 1e6},
      {"GB", 1e9},     {"TB", 1e12},          {"PB", 1e15},          {"KiB", 1024.0},
      {"MiB", kBytesPerMiB}, {"GiB", kBytesPerGiB}, {"TiB", kBytesPerTiB}, {"PiB", kBytesPerPiB}};
  static const std::vector<UnitSpelling> bandwidth = {
      {"B/s", 1},          {"KB/s", 1e3},         {"MB/s", 1e6},          {"GB/s", 1e9},
      {"TB/s", 1e12},      {"KiB/s", 1024.0},     {"MiB/s", kBytesPerMiB},   {"GiB/s", kBytesPerGiB},
      {"TiB/s", kBytesPerTiB}, {"b/s", 0.125},  {"Kb/s", 125.0},        {"Mb/s", 1.25e5},
      {"Gb/s", 1.25e8},    {"Tb/s", 1.25e11},     {"Gbps", 1.25e8},       {"Tbps", 1.25e11}};
  static const std::vector<UnitSpelling> flops = {
      {"FLOP", 1},     {"KFLOP", 1e3},  {"MFLOP", 1e6},  {"GFLOP", 1e9},  {"TFLOP", 1e12},  {"PFLOP", 1e15},
      {"EFLOP", 1e18}, {"ZFLOP", 1e21}, {"FLOPs", 1},    {"FLOPS", 1}};
  static const std::vector<UnitSpelling> flop_rate = {
      {"FLOP/s", 1},    {"GFLOP/s", 1e9}, {"TFLOP/s", 1e12}, {"PFLOP/s", 1e15}, {"EFLOP/s", 1e18},
      {"GFLOPS", 1e9},  {"TFLOPS", 1e12}, {"PFLOPS", 1e15},  {"EFLOPS", 1e18}};
  static const std::vector<UnitSpelling> time = {
      {"ns", 1e-9}, {"us", 1e-6},    {"µs", 1e-6},  {"ms", 1e-3},     {"s", 1},
      {"min", 60},  {"h", kHour},    {"d", kDay},   {"w", 7 * kDay},  {"y", 365 * kDay}};
  static const std::vector<UnitSpelling> usd = {{"", 1}, {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"B", 1e9}, {"T", 1e12}};
  static const std::vector<UnitSpelling> usd_per_hour = {{"/h", 1}, {"/hour", 1}, {"/hr", 1}};
  static const std::vector<UnitSpelling> usd_per_kwh = {{"/kWh", 1}, {"/MWh", 1e-3}, {"/Wh", 1e3}};
  switch (dimension) {
    case Dimension::count: return count;
    case Dimension::power: return power;
    case Dimension::energy: return energy;
    case Dimension::bytes: return bytes;
    case Dimension::bandwidth: return bandwidth;
    case Dimension::flops: return flops;
    case Dimension::flop_rate: return flop_rate;
    case Dimension::time: return time;
    case Dimension::usd: return usd;
    case Dimension::usd_per_hour: return usd_per_hour;
    case Dimension::usd_per_kwh: return usd_per_kwh;
  }
  return count;
}

bool is_money(Dimension d) {
  return d == Dimension::usd || d == Dimension::usd_per_hour || d == Dimension::usd_per_kwh;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Error unit_error(std::string_view text, Dimension dimension, std::string_view why) {
  return Error{ErrorKind::invalid_input,
               std::string(why) + " in '" + std::string(text) + "': expected a " +
                   std::string(dimension_name(dimension)) + " such as " +
                   std::string(dimension_units_help(dimension)),
               "",
               {}};
}

}  // namespace

std::string_view dimension_name(Dimension dimension) {
  switch (dimension) {
    case Dimension::count: return "count";
    case Dimension::power: return "power";
    case Dimension::energy: return "energy";
    case Dimension::bytes: return "size in bytes";
    case Dimension::bandwidth: return "bandwidth";
    case Dimension::flops: return "FLOP count";
    case Dimension::flop_rate: return "FLOP rate";
    case Dimension::time: return "duration";
    case Dimension::usd: return "USD amount";
    case Dimension::usd_per_hour: return "USD per hour";
    case Dimension::usd_per_kwh: return "energy price";
  }
  return "quantity";
}

std::string_view dimension_units_help(Dimension dimension) {
  switch (dimension) {
    case Dimension::count: return "1024, 15.6T, 16Mi (suffixes K M B T P Ki Mi Gi Ti)";
    case Dimension::power: return "700W, 10.2kW, 1.2GW (W kW MW GW)";
    case Dimension::energy: return "5MWh, 1.2GJ (J kJ MJ GJ Wh kWh MWh GWh TWh)";
    case Dimension::bytes: return "80GiB, 141GB (B KB MB GB TB PB KiB MiB GiB TiB PiB)";
    case Dimension::bandwidth: return "3.35TB/s, 400Gb/s (B/s KB/s MB/s GB/s TB/s GiB/s b/s Mb/s Gb/s Tb/s)";
    case Dimension::flops: return "3.8e25FLOP (FLOP TFLOP PFLOP EFLOP)";
    case Dimension::flop_rate: return "989TFLOP/s (FLOP/s GFLOP/s TFLOP/s PFLOP/s EFLOP/s)";
    case Dimension::time: return "2.5us, 54d (ns us ms s min h d w y)";
    case Dimension::usd: return "$25000, $25k, $2.5M, $500B";
    case Dimension::usd_per_hour: return "$2.10/h";
    case Dimension::usd_per_kwh: return "$0.08/kWh, $80/MWh";
  }
  return "";
}

double dimension_upper_bound(Dimension dimension) {
  switch (dimension) {
    case Dimension::count: return 1e30;
    case Dimension::power: return 1e13;       // 10 TW
    case Dimension::energy: return 1e21;      // ~300 PWh
    case Dimension::bytes: return 1e21;       // 1 ZB
    case Dimension::bandwidth: return 1e18;   // 1 EB/s
    case Dimension::flops: return 1e32;       // a million times a frontier training run
    case Dimension::flop_rate: return 1e21;   // 1 ZFLOP/s
    case Dimension::time: return 1000 * 365 * kDay;
    case Dimension::usd: return 1e16;
    case Dimension::usd_per_hour: return 1e9;
    case Dimension::usd_per_kwh: return 1e6;
  }
  return 1e30;
}

Result<double> parse_quantity(std::string_view text, Dimension dimension) {
  std::string_view s = trim(text);
  if (s.empty()) return unit_error(text, dimension, "empty value");
  if (is_money(dimension)) {
    if (s.front() != '$') return unit_error(text, dimension, "missing '$'");
    s.remove_prefix(1);
  }
  // Longest numeric prefix that from_chars accepts (handles 1e25, 3.35, -2).
  double number = 0;
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(begin, end, number);
  if (ec != std::errc() || ptr == begin) return unit_error(text, dimension, "no number");
  if (!std::isfinite(number)) return unit_error(text, dimension, "not a finite number");
  std::string_view suffix = trim(std::string_view(ptr, static_cast<size_t>(end - ptr)));
  for (const UnitSpelling& unit : spellings(dimension)) {
    if (suffix != unit.suffix) continue;
    const double value = number * unit.factor;
    if (!std::isfinite(value) || std::fabs(value) > dimension_upper_bound(dimension)) {
      return unit_error(text, dimension, "beyond the largest accepted " + std::string(dimension_name(dimension)) +
                                             " (" + format_quantity(dimension_upper_bound(dimension), dimension) + ")");
    }
    return value;
  }
  if (suffix.empty()) return unit_error(text, dimension, "missing unit");
  return unit_error(text, dimension, "unknown unit '" + std::string(suffix) + "'");
}

std::string format_quantity(double value, Dimension dimension) {
  struct Prefix {
    double factor;
    std::string_view text;
  };
  std::vector<Prefix> prefixes;
  std::string_view before;
  switch (dimension) {
    case Dimension::count: prefixes = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}, {1, ""}}; break;
    case Dimension::power: prefixes = {{1e9, "GW"}, {1e6, "MW"}, {1e3, "kW"}, {1, "W"}}; break;
    case Dimension::energy: prefixes = {{kKwh * 1e9, "TWh"}, {kKwh * 1e6, "GWh"}, {kKwh * 1e3, "MWh"}, {kKwh, "kWh"}, {1, "J"}}; break;
    case Dimension::bytes:
      prefixes = {{kBytesPerPiB, "PiB"}, {kBytesPerTiB, "TiB"}, {kBytesPerGiB, "GiB"},
                  {kBytesPerMiB, "MiB"}, {1024.0, "KiB"}, {1, "B"}};
      break;
    case Dimension::bandwidth: prefixes = {{1e12, "TB/s"}, {1e9, "GB/s"}, {1e6, "MB/s"}, {1e3, "KB/s"}, {1, "B/s"}}; break;
    case Dimension::flops: prefixes = {{1e21, "ZFLOP"}, {1e18, "EFLOP"}, {1e15, "PFLOP"}, {1e12, "TFLOP"}, {1e9, "GFLOP"}, {1, "FLOP"}}; break;
    case Dimension::flop_rate: prefixes = {{1e18, "EFLOP/s"}, {1e15, "PFLOP/s"}, {1e12, "TFLOP/s"}, {1e9, "GFLOP/s"}, {1, "FLOP/s"}}; break;
    case Dimension::time: {
      double a = std::fabs(value);
      if (a >= 2 * kDay) prefixes = {{kDay, "d"}};
      else if (a >= 2 * kHour) prefixes = {{kHour, "h"}};
      else if (a >= 120) prefixes = {{60, "min"}};
      else prefixes = {{1, "s"}, {1e-3, "ms"}, {1e-6, "us"}, {1e-9, "ns"}};
      break;
    }
    case Dimension::usd: before = "$"; prefixes = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}, {1, ""}}; break;
    case Dimension::usd_per_hour: before = "$"; prefixes = {{1, "/h"}}; break;
    case Dimension::usd_per_kwh: before = "$"; prefixes = {{1, "/kWh"}}; break;
  }
  Prefix chosen = prefixes.back();
  for (const Prefix& p : prefixes) {
    if (std::fabs(value) >= p.factor) {
      chosen = p;
      break;
    }
  }
  double scaled = value / chosen.factor;
  char buffer[64];
  double magnitude = std::fabs(scaled);
  int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
  if (dimension == Dimension::usd_per_hour || dimension == Dimension::usd_per_kwh) decimals = magnitude >= 100 ? 0 : 2;
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, scaled);
  std::string number = buffer;
  const bool keep_cents = dimension == Dimension::usd_per_hour || dimension == Dimension::usd_per_kwh;
  if (number.find('.') != std::string::npos && !keep_cents) {
    while (number.back() == '0') number.pop_back();
    if (number.back() == '.') number.pop_back();
  }
  std::string out = std::string(before) + number;
  if (!chosen.text.empty()) {
    if (!is_money(dimension) && dimension != Dimension::count) out += " ";
    out += chosen.text;
  }
  return out;
}

}  // namespace stargate
