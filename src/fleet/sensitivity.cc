#include "stargate/fleet/sensitivity.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>

#include "core/yaml_map.h"

namespace stargate {
namespace {

Error bad(const std::string& field, const std::string& message) {
  return Error{ErrorKind::invalid_input, message, field, {}};
}

std::vector<std::string> split_path(const std::string& field) {
  std::vector<std::string> parts;
  std::stringstream ss(field);
  for (std::string part; std::getline(ss, part, '.');) parts.push_back(part);
  return parts;
}

// Sets every scalar matched by parts[i..] below `node`; returns how many were set.
int set_path(YAML::Node node, const std::vector<std::string>& parts, size_t i, const std::string& value) {
  if (i == parts.size()) {
    if (!node.IsScalar()) return 0;
    node = value;
    return 1;
  }
  const std::string& key = parts[i];
  if (node.IsMap()) {
    if (!node[key]) return 0;
    return set_path(node[key], parts, i + 1, value);
  }
  if (!node.IsSequence()) return 0;
  int count = 0;
  for (size_t k = 0; k < node.size(); ++k) {
    YAML::Node item = node[k];
    bool match = key == "*" || key == std::to_string(k);
    for (const char* name_key : {"name", "vendor", "from", "quarter"}) {
      if (item.IsMap() && item[name_key] && item[name_key].IsScalar() && item[name_key].Scalar() == key) match = true;
    }
    if (match) count += set_path(item, parts, i + 1, value);
  }
  return count;
}

}  // namespace

Result<VaryRequest> parse_vary(std::string_view text) {
  const std::string s(text);
  const size_t eq = s.find('='), dots = s.find("..");
  if (eq == std::string::npos || dots == std::string::npos || dots < eq) {
    return bad("--vary", "expected FIELD=LOW..HIGH, e.g. finance.cost_of_capital=0.08..0.15; got '" + s + "'");
  }
  VaryRequest v{s.substr(0, eq), s.substr(eq + 1, dots - eq - 1), s.substr(dots + 2)};
  if (v.field.empty() || v.low.empty() || v.high.empty()) return bad("--vary", "empty FIELD, LOW or HIGH in '" + s + "'");
  return v;
}

PlanMetrics plan_metrics(const FleetResult& result, const FleetDelivery& delivery) {
  PlanMetrics m;
  if (result.quarters.empty()) return m;
  const FleetQuarter& q = result.quarters.back();
  m.gpus = q.gpus_installed;
  m.pflops_bf16 = q.peak_flops[0] / 1e15;
  m.facility_mw = q.facility_watts / 1e6;
  m.spent_usd = q.spent;
  m.usd_per_gpu_hour = q.usd_per_gpu_hour;
  if (!delivery.quarters.empty()) {
    const QuarterDelivery& d = delivery.quarters.back();
    m.tokens_per_day = d.tokens_per_day;
    m.usd_per_million_tokens = d.usd_per_million_tokens;
    m.training_days = d.training_days;
  }
  return m;
}

Result<std::string> scenario_with_override(std::string_view text, const std::string& field, const std::string& value) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return bad(field, "scenario is not valid YAML: " + yaml_error_text(e));
  }
  if (!root.IsMap() || !root["fleet"]) return bad(field, "scenario has no fleet: section");
  if (set_path(root["fleet"], split_path(field), 0, value) == 0) {
    return bad(field, "no scalar field 'fleet." + field + "' in the scenario (see docs/fleet.md for field paths)");
  }
  YAML::Emitter out;
  out << root;
  return std::string(out.c_str());
}

double TornadoRow::swing() const {
  // Rank by the larger of the relative swings of installed PFLOP/s and of $/M tokens.
  const double base_pf = std::max({std::fabs(low.pflops_bf16), std::fabs(high.pflops_bf16), 1e-9});
  const double base_cost = std::max({std::fabs(low.usd_per_million_tokens), std::fabs(high.usd_per_million_tokens), 1e-12});
  return std::max(std::fabs(high.pflops_bf16 - low.pflops_bf16) / base_pf,
                  std::fabs(high.usd_per_million_tokens - low.usd_per_million_tokens) / base_cost);
}

Result<Tornado> run_sensitivity(std::string_view text, const std::string& file, const std::vector<VaryRequest>& varies,
                                const ProgressCallback& progress) {
  const size_t total = 1 + 2 * varies.size();
  size_t done = 0;
  auto evaluate = [&](std::string_view t) -> Result<PlanMetrics> {
    Result<FleetScenario> s = parse_fleet_scenario(t, file);
    if (!s.ok()) return s.error();
    const FleetResult r = simulate_fleet(s.value());
    if (progress) progress(++done, total);
    return plan_metrics(r, fleet_delivery(s.value(), r));
  };
  Tornado tornado;
  Result<PlanMetrics> base = evaluate(text);
  if (!base.ok()) return base.error();
  tornado.base = base.value();
  for (const VaryRequest& v : varies) {
    TornadoRow row{v, {}, {}};
    for (int side = 0; side < 2; ++side) {
      Result<std::string> changed = scenario_with_override(text, v.field, side == 0 ? v.low : v.high);
      if (!changed.ok()) return changed.error();
      Result<PlanMetrics> m = evaluate(changed.value());
      if (!m.ok()) {
        Error e = m.error();
        e.message = "--vary " + v.field + "=" + (side == 0 ? v.low : v.high) + ": " + e.message;
        // Lines and columns point into the rewritten YAML, not the user's file: name the file and field only.
        e.location.line = 0;
        e.location.column = 0;
        return e;
      }
      (side == 0 ? row.low : row.high) = m.value();
    }
    tornado.rows.push_back(row);
  }
  std::stable_sort(tornado.rows.begin(), tornado.rows.end(),
                   [](const TornadoRow& a, const TornadoRow& b) { return a.swing() > b.swing(); });
  return tornado;
}

}  // namespace stargate
