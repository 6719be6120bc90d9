#include "stargate/cost/cost_assumptions.h"

#include <stdexcept>

#include "stargate/core/embedded_files.h"
#include "core/yaml_map.h"

namespace stargate {
namespace {

double in_range(const YamlValue& v, double value, double lo, double hi, const char* what) {
  if (!(value >= lo && value <= hi)) v.fail(std::string(what));
  return value;
}
double fraction(const YamlValue& v) { return in_range(v, v.as_number(), 0.0, 1.0, "must be between 0 and 1"); }
double positive(const YamlValue& v, Dimension d) {
  return in_range(v, v.as_quantity(d), 1e-300, 1e300, "must be positive");
}

void read_finance(YamlMap m, CostAssumptions& a) {
  a.cost_of_capital = fraction(m.require("cost_of_capital"));
  a.it_life_seconds = positive(m.require("it_depreciation_life"), Dimension::time);
  a.facility_life_seconds = positive(m.require("facility_depreciation_life"), Dimension::time);
  m.finish();
}

void read_facility(YamlMap m, CostAssumptions& a) {
  a.facility_capex_usd_per_watt = in_range(m.self(), m.quantity("capex_per_mw", Dimension::usd), 0, 1e300,
                                           "capex_per_mw must not be negative") / 1e6;
  const YamlValue pue = m.require("pue");
  a.pue = in_range(pue, pue.as_number(), 1.0, 3.0, "PUE must be between 1.0 and 3.0");
  a.energy_usd_per_joule = positive(m.require("energy_price"), Dimension::usd_per_kwh) / 3.6e6;
  a.power_utilization = fraction(m.require("power_utilization"));
  m.finish();
}

void read_it(YamlMap m, CostAssumptions& a) {
  a.network_share = fraction(m.require("network_share"));
  const YamlValue storage = m.require("storage_share");
  a.storage_share = in_range(storage, storage.as_number(), 0.0, 0.99 - a.network_share,
                             "network_share + storage_share must stay below 1");
  const YamlValue price = m.require("server_price_multiplier");
  a.server_price_multiplier = in_range(price, price.as_number(), 1.0, 10.0, "must be between 1 and 10");
  const YamlValue power = m.require("server_power_multiplier");
  a.server_power_multiplier = in_range(power, power.as_number(), 1.0, 10.0, "must be between 1 and 10");
  m.finish();
}

}  // namespace

Result<CostAssumptions> parse_cost_assumptions(std::string_view text, const std::string& file) {
  return capture_errors([&]() -> CostAssumptions {
    const YamlDocument doc = parse_yaml_document(text, file);
    YamlMap top(YamlValue(doc.root, doc.file, ""));
    YamlMap cost = top.map("cost");
    CostAssumptions a;
    read_finance(cost.map("finance"), a);
    read_facility(cost.map("facility"), a);
    read_it(cost.map("it"), a);
    cost.finish();
    top.finish();
    return a;
  });
}

const CostAssumptions& default_cost_assumptions() {
  static const CostAssumptions assumptions = [] {
    const std::string_view text = embedded_file("cost/assumptions.yaml").value_or(std::string_view{});
    Result<CostAssumptions> r = parse_cost_assumptions(text, "<built-in>/data/cost/assumptions.yaml");
    // Contract (as Catalog::builtin): the built-in file is valid (a test checks); a broken build throws.
    if (!r.ok()) throw std::logic_error("built-in data/cost/assumptions.yaml: " + r.error().to_string());
    return r.value();
  }();
  return assumptions;
}

}  // namespace stargate
