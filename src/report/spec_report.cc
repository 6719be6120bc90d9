// The `stargate catalog` outputs (see spec_report.h).
#include "stargate/report/spec_report.h"

#include <fmt/core.h>

#include <algorithm>

#include "json_text.h"

namespace stargate {
namespace {

nlohmann::json value_json(const SpecValue& value) {
  return std::visit([](const auto& v) { return nlohmann::json(v); }, value);
}

std::string row_text(const SpecDescription& d, const std::string& field) {
  for (const SpecRow& r : d.rows) {
    if (r.field == field) return r.text;
  }
  return "";
}

}  // namespace

std::string spec_to_text(const SpecDescription& d) {
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

std::string spec_to_json(const SpecDescription& d) {
  nlohmann::json fields = nlohmann::json::object();
  for (const SpecRow& r : d.rows) {
    nlohmann::json f = {{"value", value_json(r.value)}, {"text", r.text}};
    if (!r.unit.empty()) f["unit"] = r.unit;
    if (!r.source.empty()) f["source"] = r.source;
    fields[r.field] = f;
  }
  return report_detail::indented_json({{"kind", d.kind}, {"id", d.id}, {"fields", fields}});
}

std::string spec_list_to_text(const std::vector<SpecDescription>& presets) {
  std::string out, kind;
  for (const SpecDescription& d : presets) {
    if (d.kind != kind) {
      kind = d.kind;
      out += (kind == "accelerator" ? "" : "\n") + kind + "s:\n";
    }
    out += fmt::format("  {:<24} {}\n", d.id, row_text(d, "name"));
  }
  return out;
}

std::string spec_list_to_json(const std::vector<SpecDescription>& presets) {
  nlohmann::json out = nlohmann::json::array();
  for (const SpecDescription& d : presets) out.push_back({{"kind", d.kind}, {"id", d.id}, {"name", row_text(d, "name")}});
  return report_detail::indented_json(out);
}

}  // namespace stargate
