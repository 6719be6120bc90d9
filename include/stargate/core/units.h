#pragma once
// Quantities with units, as written in scenario and catalog files: "700W", "1.2GW", "80GiB", "3.35TB/s",
// "400Gb/s", "989TFLOP/s", "2.5us", "54d", "$2.10/h", "$500B", "15.6T", "16Mi", "$0.08/kWh".
// Parsed values are in SI base units (watts, bytes, bytes/s, FLOP, FLOP/s, seconds, USD, USD/hour, joules,
// USD/kWh, plain counts). A number without its unit is an error wherever the dimension has a unit.
#include <string>
#include <string_view>

#include "stargate/core/result.h"

namespace stargate {

// Binary byte multiples, for converting bytes to and from the GiB figures users read.
inline constexpr double kBytesPerKiB = 1024.0;
inline constexpr double kBytesPerMiB = 1024.0 * kBytesPerKiB;
inline constexpr double kBytesPerGiB = 1024.0 * kBytesPerMiB;
inline constexpr double kBytesPerTiB = 1024.0 * kBytesPerGiB;
inline constexpr double kBytesPerPiB = 1024.0 * kBytesPerTiB;

enum class Dimension {
  count,           // plain number with optional SI (K M B/G T P) or binary (Ki Mi Gi Ti) suffix: "15.6T", "16Mi"
  power,           // watts: W kW MW GW
  energy,          // joules: J kJ MJ Wh kWh MWh GWh TWh
  bytes,           // B KB MB GB TB PB (decimal), KiB MiB GiB TiB PiB (binary)
  bandwidth,       // bytes/s: B/s KB/s MB/s GB/s TB/s, GiB/s ..., bits: b/s Kb/s Mb/s Gb/s Tb/s, Gbps
  flops,           // FLOP: FLOP KFLOP ... EFLOP (also "FLOPs")
  flop_rate,       // FLOP/s: FLOP/s TFLOP/s PFLOP/s EFLOP/s (also "TFLOPS")
  time,            // seconds: ns us ms s min h d w y (y = 365 days)
  usd,             // "$25000", "$25k", "$2.5M", "$500B", "$1.2T"
  usd_per_hour,    // "$2.10/h", "$2.10/hour"
  usd_per_kwh,     // "$0.08/kWh", "$80/MWh"
};

std::string_view dimension_name(Dimension dimension);
// Example spellings of a dimension's units, for error messages: "W, kW, MW, GW".
std::string_view dimension_units_help(Dimension dimension);

// The largest magnitude parse_quantity accepts for a dimension, in base units (docs/scenario.md "Ranges"):
// count 1e30, power 10 TW, energy 1e21 J, bytes 1e21, bandwidth 1e18 B/s, FLOP 1e32, FLOP/s 1e21,
// time 1000 years, USD 1e16, USD/h 1e9, USD/kWh 1e6.
double dimension_upper_bound(Dimension dimension);

// Parses `text` as a quantity of `dimension`, returning SI base units. Errors name the accepted units; a value
// that is not finite or beyond dimension_upper_bound() is an error.
Result<double> parse_quantity(std::string_view text, Dimension dimension);

// Formats a base-unit value with a readable prefix: format_quantity(7e2, power) == "700 W",
// format_quantity(3.35e12, bandwidth) == "3.35 TB/s", format_quantity(8.59e10, bytes) == "80 GiB".
// Bytes use binary prefixes; everything else decimal. Three significant digits.
std::string format_quantity(double value, Dimension dimension);

}  // namespace stargate
