#include "stargate/core/spec_description.h"

#include <algorithm>

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
  rows.push_back({field, value, si_unit(d), format_quantity(value, d), source(group)});
}
void SpecRowBuilder::integer(const std::string& field, const std::string& group, long long value) {
  rows.push_back({field, value, "", std::to_string(value), source(group)});
}
void SpecRowBuilder::text(const std::string& field, const std::string& group, const std::string& value) {
  if (value.empty()) return;
  rows.push_back({field, value, "", value, source(group)});
}
void SpecRowBuilder::flag(const std::string& field, const std::string& group, bool value) {
  rows.push_back({field, value, "", value ? "yes" : "no", source(group)});
}
std::string SpecRowBuilder::source(const std::string& group) const {
  auto it = sources_.find(group);
  return it == sources_.end() ? "" : it->second;
}

nlohmann::json to_json(const SpecDescription& d) {
  nlohmann::json fields = nlohmann::json::object();
  for (const SpecRow& r : d.rows) {
    nlohmann::json f = {{"value", r.value}, {"text", r.text}};
    if (!r.unit.empty()) f["unit"] = r.unit;
    if (!r.source.empty()) f["source"] = r.source;
    fields[r.field] = f;
  }
  return {{"kind", d.kind}, {"id", d.id}, {"fields", fields}};
}

std::string to_text(const SpecDescription& d) {
  size_t width = 0;
  for (const SpecRow& r : d.rows) width = std::max(width, r.field.size());
  std::string out = d.kind + " " + d.id + "\n";
  std::vector<std::string> citations;
  for (const SpecRow& r : d.rows) {
    std::string marker;
    if (!r.source.empty()) {
      auto it = std::find(citations.begin(), citations.end(), r.source);
      if (it == citations.end()) {
        citations.push_back(r.source);
        it = citations.end() - 1;
      }
      marker = "  [" + std::to_string(it - citations.begin() + 1) + "]";
    }
    out += "  " + r.field + std::string(width - r.field.size() + 2, ' ') + r.text + marker + "\n";
  }
  if (!citations.empty()) out += "sources:\n";
  for (size_t i = 0; i < citations.size(); ++i) out += "  [" + std::to_string(i + 1) + "] " + citations[i] + "\n";
  return out;
}

}  // namespace stargate
