// Strict reader of the `fleet:` YAML (docs/fleet.md): unknown keys, missing units and impossible values are
// errors naming file:line and the field.
#include <algorithm>
#include <cmath>

#include "stargate/catalog/catalog.h"
#include "stargate/core/embedded_files.h"
#include "core/yaml_map.h"
#include "fleet_document_reader.h"
#include "stargate/fleet/fleet_scenario.h"
#include "stargate/fleet/uncertain_scenario.h"
#include "stargate/workload/model_catalog.h"
#include "tenants_reader.h"

namespace stargate {
namespace {

Quarter read_quarter(const YamlValue& v) {
  auto q = parse_quarter(v.as_string());
  if (!q) v.fail("expected a quarter like 2025Q1, got '" + v.as_string() + "'");
  return *q;
}

double fraction(const YamlValue& v) {
  const double x = v.as_number();
  if (!(x >= 0 && x <= 1)) v.fail("expected a fraction between 0 and 1");
  return x;
}

double positive(const YamlValue& v, Dimension d) {
  const double x = v.as_quantity(d);
  if (!(x > 0)) v.fail("must be positive");
  return x;
}

// An optional quantity that must not be negative; 0 when absent.
double non_negative(const std::optional<YamlValue>& v, Dimension d) {
  if (!v) return 0;
  const double x = v->as_quantity(d);
  if (!(x >= 0)) v->fail("must not be negative");
  return x;
}

// [{from: 2025Q1, <key>: <quantity or number>}, ...] sorted by quarter.
StepSchedule read_schedule(const YamlValue& v, const std::string& key) {
  StepSchedule s;
  for (const YamlValue& item : v.as_sequence()) {
    YamlMap m(item);
    const Quarter q = read_quarter(m.require("from"));
    const double x = m.require(key).as_integer(0, 1'000'000'000);
    m.finish();
    if (!s.steps.empty() && q <= s.steps.back().first) item.fail("steps must be in increasing quarter order");
    s.steps.emplace_back(q, x);
  }
  return s;
}

Site read_site(YamlMap m) {
  Site s;
  s.name = m.string("name");
  if (auto loc = m.optional_string("location")) s.location = *loc;
  for (const YamlValue& item : m.require("ramp").as_sequence()) {
    YamlMap r(item);
    const Quarter q = read_quarter(r.require("quarter"));
    const double w = positive(r.require("it_power"), Dimension::power);
    r.finish();
    if (!s.ramp_watts.empty() && q <= s.ramp_watts.back().first) item.fail("ramp steps must be in quarter order");
    s.ramp_watts.emplace_back(q, w);
  }
  const YamlValue pue = m.require("pue");
  s.pue = pue.as_number();
  if (!(s.pue >= 1.0 && s.pue <= 3.0)) pue.fail("PUE must be between 1.0 and 3.0");
  s.capex_per_watt = positive(m.require("capex_per_mw"), Dimension::usd) / 1e6;
  s.construction_seconds = m.quantity("construction_lead_time", Dimension::time);
  s.construction_delay_seconds = non_negative(m.get("construction_delay"), Dimension::time);
  s.interconnection_delay_seconds = non_negative(m.get("interconnection_delay"), Dimension::time);
  s.energy_usd_per_joule = positive(m.require("energy_price"), Dimension::usd_per_kwh) / 3.6e6;
  m.finish();
  return s;
}

Generation read_generation(YamlMap m) {
  const Catalog& catalog = Catalog::builtin();
  Generation g;
  g.name = m.string("name");
  g.accelerator = catalog.accelerator_from(m.require("accelerator"));
  g.node = catalog.node_from(m.require("node"));
  g.fabric = m.get("fabric") ? catalog.fabric_from(m.require("fabric")) : catalog.default_scale_out_fabric();
  g.available = read_quarter(m.require("available"));
  g.price_per_gpu_usd = positive(m.require("price_per_gpu"), Dimension::usd);
  g.it_watts_per_gpu = positive(m.require("it_power_per_gpu"), Dimension::power);
  g.hbm_stacks_per_gpu = static_cast<int>(m.integer("hbm_stacks_per_gpu", 1, 64));
  g.gpus_per_cowos_wafer = positive(m.require("gpus_per_cowos_wafer"), Dimension::count);
  m.finish();
  return g;
}

Supply read_supply(YamlMap m) {
  Supply s;
  for (const YamlValue& item : m.require("hbm").as_sequence()) {
    YamlMap v(item);
    HbmVendor h;
    h.name = v.string("vendor");
    h.wafers_per_month = read_schedule(v.require("wafers_per_month"), "wafers");
    h.program_share = fraction(v.require("program_share"));
    const YamlValue q = v.require("qualified_from");
    if (q.as_string() != "never") h.qualified_from = read_quarter(q);
    v.finish();
    s.hbm.push_back(std::move(h));
  }
  if (s.hbm.empty()) m.require("hbm").fail("at least one HBM vendor is needed: nothing can be built without HBM");
  s.hbm_stacks_per_wafer = positive(m.require("hbm_stacks_per_wafer"), Dimension::count);
  YamlMap cowos = m.map("cowos");
  s.cowos_wafers_per_month = read_schedule(cowos.require("wafers_per_month"), "wafers");
  s.cowos_program_share = fraction(cowos.require("program_share"));
  cowos.finish();
  m.finish();
  return s;
}

Finance read_finance(YamlMap m) {
  Finance f;
  f.depreciation_seconds = positive(m.require("depreciation_life"), Dimension::time);
  f.facility_depreciation_seconds = positive(m.require("facility_depreciation_life"), Dimension::time);
  f.cost_of_capital = fraction(m.require("cost_of_capital"));
  f.power_utilization = fraction(m.require("power_utilization"));
  m.finish();
  return f;
}

ModelSpec read_model(const YamlValue& v) {
  const ModelSpec* model = ModelCatalog::builtin().find(v.as_string());
  if (!model) v.fail("unknown model preset '" + v.as_string() + "'");
  return *model;
}

FleetTrainingWorkload read_training(YamlMap m) {
  FleetTrainingWorkload t;
  t.model_spec = read_model(m.require("model"));
  t.model = m.string("model");
  t.seq_len = static_cast<int>(m.integer("seq_len", 128, 1 << 20));
  t.global_batch_tokens = positive(m.require("global_batch_tokens"), Dimension::count);
  t.flops = positive(m.require("flops"), Dimension::flops);
  t.checkpoint_bytes_per_s = positive(m.require("checkpoint_bandwidth"), Dimension::bandwidth);
  t.restart_seconds = m.quantity("restart", Dimension::time);
  m.finish();
  return t;
}

FleetServingWorkload read_serving(YamlMap m) {
  FleetServingWorkload s;
  s.model_spec = read_model(m.require("model"));
  s.model = m.string("model");
  s.context_tokens = static_cast<int>(m.integer("context_tokens", 1, 1 << 20));
  s.tpot_seconds = positive(m.require("tpot"), Dimension::time);
  s.tp = static_cast<int>(m.integer("tp", 1, 72));
  s.tokens_per_user_per_day = positive(m.require("tokens_per_user_per_day"), Dimension::count);
  m.finish();
  return s;
}

FleetScenario read_fleet(YamlMap m, const std::string& file) {
  FleetScenario f;
  f.file = file;
  f.name = m.string("name");
  f.start = read_quarter(m.require("start"));
  f.quarters = static_cast<int>(m.integer("quarters", 1, 80));
  YamlMap budget = m.map("budget");
  f.budget_total_usd = positive(budget.require("total"), Dimension::usd);
  double released = 0;
  for (const YamlValue& item : budget.require("tranches").as_sequence()) {
    YamlMap t(item);
    const Quarter q = read_quarter(t.require("quarter"));
    const double usd = positive(t.require("amount"), Dimension::usd);
    t.finish();
    released += usd;
    if (released > f.budget_total_usd * (1 + 1e-9)) item.fail("tranches add up to more than budget.total");
    f.budget_tranches.emplace_back(q, usd);
  }
  budget.finish();
  if (auto partners = m.get("partners")) {
    for (const YamlValue& item : partners->as_sequence()) {
      YamlMap p(item);
      f.partners.push_back({p.string("name"), p.string("role"), p.quantity("equity", Dimension::usd)});
      p.finish();
    }
  }
  for (const YamlValue& item : m.require("sites").as_sequence()) f.sites.push_back(read_site(YamlMap(item)));
  for (const YamlValue& item : m.require("generations").as_sequence()) {
    f.generations.push_back(read_generation(YamlMap(item)));
  }
  if (f.sites.empty()) m.require("sites").fail("at least one site is needed");
  if (f.generations.empty()) m.require("generations").fail("at least one generation is needed");
  std::stable_sort(f.generations.begin(), f.generations.end(),
                   [](const Generation& a, const Generation& b) { return a.available < b.available; });
  f.supply = read_supply(m.map("supply"));
  f.finance = read_finance(m.map("finance"));
  f.training = read_training(m.map("training"));
  f.serving = read_serving(m.map("serving"));
  if (auto tenants = m.get("tenants")) f.tenants = read_tenants(*tenants);
  m.finish();
  return f;
}

}  // namespace

FleetScenario read_fleet_document(const YamlDocument& doc) {
  YamlMap root(YamlValue(doc.root, doc.file, ""));
  FleetScenario f = read_fleet(root.map("fleet"), *doc.file);
  root.finish();
  return f;
}

// Distributions read as their central values (uncertain_scenario.h).
Result<FleetScenario> parse_fleet_scenario(std::string_view text, const std::string& file) {
  Result<UncertainFleetScenario> uncertain = parse_uncertain_fleet_scenario(text, file);
  if (!uncertain.ok()) return uncertain.error();
  return std::move(uncertain.value().point);
}

Result<FleetScenario> load_fleet_scenario_file(const std::string& path) {
  return capture_errors([&]() -> FleetScenario {
    const std::string text = read_text_file(path);
    Result<FleetScenario> r = parse_fleet_scenario(text, path);
    if (!r.ok()) throw InputError(r.error());
    return r.value();
  });
}

std::string_view default_fleet_scenario_text() {
  return embedded_file("scenarios/stargate.yaml").value_or(std::string_view{});
}

Result<FleetScenario> default_fleet_scenario() {
  return parse_fleet_scenario(default_fleet_scenario_text(), "<built-in>/data/scenarios/stargate.yaml");
}

}  // namespace stargate
