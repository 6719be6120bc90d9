// The `tenants:` list of a fleet scenario:
//   - {name: frontier-training, kind: training, priority: 1, share: 0.5, demand: [{from: 2025Q3, gpus: 100K}]}
//   - {name: partner-api, kind: serving, priority: 2, demand: [{from: 2026Q1, tokens_per_day: 140B}]}
#include "tenants_reader.h"

#include <cmath>

#include "stargate/core/value_limits.h"

namespace stargate {
namespace {


StepSchedule read_demand(const YamlValue& list, const std::string& key) {
  StepSchedule s;
  for (const YamlValue& item : list.as_sequence()) {
    YamlMap m(item);
    const YamlValue from = m.require("from");
    const auto q = parse_quarter(from.as_string());
    if (!q) from.fail("expected a quarter like 2025Q1, got '" + from.as_string() + "'");
    const YamlValue amount = m.require(key);
    const double x = amount.as_quantity(Dimension::count);
    if (!(x >= 0 && x <= fleet_limits::max_tenant_demand)) amount.fail("must be between 0 and 1e18");
    m.finish();
    if (!s.steps.empty() && *q <= s.steps.back().first) item.fail("demand steps must be in increasing quarter order");
    s.steps.emplace_back(*q, x);
  }
  if (s.steps.empty()) list.fail("at least one demand step is needed");
  return s;
}

Tenant read_tenant(YamlMap m) {
  Tenant t;
  t.name = m.string("name");
  t.kind = m.choice("kind", {"training", "serving"}) == "serving" ? Tenant::Kind::serving : Tenant::Kind::training;
  t.priority = static_cast<int>(m.integer("priority", limits::tenant_priority));
  if (auto share = m.get("share")) t.share = share->as_number_in(0, 1);
  t.demand = read_demand(m.require("demand"), t.kind == Tenant::Kind::serving ? "tokens_per_day" : "gpus");
  m.finish();
  return t;
}

}  // namespace

std::vector<Tenant> read_tenants(const YamlValue& list) {
  std::vector<Tenant> tenants;
  double shares = 0;
  for (const YamlValue& item : list.as_sequence()) {
    if (static_cast<int64_t>(tenants.size()) >= limits::tenants.max) {
      item.fail("at most " + std::to_string(limits::tenants.max) + " tenants");
    }
    tenants.push_back(read_tenant(YamlMap(item)));
    for (size_t i = 0; i + 1 < tenants.size(); ++i) {
      if (tenants[i].name == tenants.back().name) item.fail("duplicate tenant name '" + tenants.back().name + "'");
    }
    shares += tenants.back().share;
    if (shares > 1 + 1e-9) item.fail("tenant shares add up to more than 1");
  }
  if (tenants.empty()) list.fail("at least one tenant is needed (or leave tenants: out)");
  return tenants;
}

}  // namespace stargate
