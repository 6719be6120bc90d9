#include "stargate/core/spec_description.h"

namespace stargate {
namespace {

std::string si_unit(Dimension d) {
  switch (d) {
    case Dimension::power: return "W";
    case Dimension::energy: return "J";
    case Dimension::bytes: return "B";
    case Dimension::bandwidth: return "B/s";
    case Dimension::flops: return "FLOP";
    case Dimension::flop_rate: return "FLOP/s";
    case Dimension::time: return "s";
    case Dimension::usd: return "USD";
    case Dimension::usd_per_hour: return "USD/h";
    case Dimension::usd_per_kwh: return "USD/kWh";
    case Dimension::count: return "";
  }
  return "";
}

}  // namespace

void SpecRowBuilder::quantity(const std::string& field, const std::string& group, double value, Dimension d) {
  rows.push_back(
      {.field = field, .value = value, .unit = si_unit(d), .text = format_quantity(value, d), .source = source(group)});
}
void SpecRowBuilder::integer(const std::string& field, const std::string& group, long long value) {
  rows.push_back(
      {.field = field, .value = value, .unit = "", .text = std::to_string(value), .source = source(group)});
}
void SpecRowBuilder::text(const std::string& field, const std::string& group, const std::string& value) {
  if (value.empty()) return;
  rows.push_back({.field = field, .value = value, .unit = "", .text = value, .source = source(group)});
}
void SpecRowBuilder::flag(const std::string& field, const std::string& group, bool value) {
  rows.push_back(
      {.field = field, .value = value, .unit = "", .text = value ? "yes" : "no", .source = source(group)});
}
std::string SpecRowBuilder::source(const std::string& group) const {
  auto it = sources_.find(group);
  return it == sources_.end() ? "" : it->second;
}

}  // namespace stargate
