#include "uncertain_fields.h"

#include <limits>
#include <string>

#include "stargate/fleet/uncertain_scenario.h"

namespace stargate {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr FieldRange kPositive{.min = 0, .max = kInf, .positive = true};
// Durations: lead times and delays may be 0; lives must be positive; both at most a century, so that a lognormal's far
// tail never turns into a quarter count that overflows.
constexpr double kCentury = 100 * 365 * 86400.0;
constexpr FieldRange kDelay{.min = 0, .max = kCentury, .positive = false};
constexpr FieldRange kLife{.min = 0, .max = kCentury, .positive = true};
constexpr FieldRange kFraction{.min = 0, .max = 1, .positive = false};
constexpr FieldRange kPue{.min = 1, .max = 3, .positive = false};
constexpr FieldRange kWafers{.min = 0, .max = 1e9, .positive = false};  // as fleet_scenario_reader.cc reads them

using Items = const std::vector<int>&;

}  // namespace

const std::vector<UncertainFieldRule>& uncertain_field_rules() {
  static const std::vector<UncertainFieldRule> rules = {
      {{"sites", "[]", "capex_per_mw"}, false, Dimension::usd, kPositive,
       [](FleetScenario& s, Items i, double v) { s.sites[i[0]].capex_per_watt = v / 1e6; }},
      {{"sites", "[]", "pue"}, true, Dimension::count, kPue,
       [](FleetScenario& s, Items i, double v) { s.sites[i[0]].pue = v; }},
      {{"sites", "[]", "construction_lead_time"}, false, Dimension::time, kDelay,
       [](FleetScenario& s, Items i, double v) { s.sites[i[0]].construction_seconds = v; }},
      {{"sites", "[]", "construction_delay"}, false, Dimension::time, kDelay,
       [](FleetScenario& s, Items i, double v) { s.sites[i[0]].construction_delay_seconds = v; }},
      {{"sites", "[]", "interconnection_delay"}, false, Dimension::time, kDelay,
       [](FleetScenario& s, Items i, double v) { s.sites[i[0]].interconnection_delay_seconds = v; }},
      {{"sites", "[]", "energy_price"}, false, Dimension::usd_per_kwh, kPositive,
       [](FleetScenario& s, Items i, double v) { s.sites[i[0]].energy_usd_per_joule = v / 3.6e6; }},
      {{"sites", "[]", "ramp", "[]", "it_power"}, false, Dimension::power, kPositive,
       [](FleetScenario& s, Items i, double v) { s.sites[i[0]].ramp_watts[i[1]].second = v; }},
      {{"generations", "[]", "price_per_gpu"}, false, Dimension::usd, kPositive,
       [](FleetScenario& s, Items i, double v) { s.generations[i[0]].price_per_gpu_usd = v; }},
      {{"generations", "[]", "it_power_per_gpu"}, false, Dimension::power, kPositive,
       [](FleetScenario& s, Items i, double v) { s.generations[i[0]].it_watts_per_gpu = v; }},
      {{"generations", "[]", "gpus_per_cowos_wafer"}, false, Dimension::count, kPositive,
       [](FleetScenario& s, Items i, double v) { s.generations[i[0]].gpus_per_cowos_wafer = v; }},
      {{"supply", "hbm", "[]", "wafers_per_month", "[]", "wafers"}, false, Dimension::count, kWafers,
       [](FleetScenario& s, Items i, double v) { s.supply.hbm[i[0]].wafers_per_month.steps[i[1]].second = v; }},
      {{"supply", "hbm", "[]", "program_share"}, true, Dimension::count, kFraction,
       [](FleetScenario& s, Items i, double v) { s.supply.hbm[i[0]].program_share = v; }},
      {{"supply", "hbm_stacks_per_wafer"}, false, Dimension::count, kPositive,
       [](FleetScenario& s, Items, double v) { s.supply.hbm_stacks_per_wafer = v; }},
      {{"supply", "cowos", "wafers_per_month", "[]", "wafers"}, false, Dimension::count, kWafers,
       [](FleetScenario& s, Items i, double v) { s.supply.cowos_wafers_per_month.steps[i[0]].second = v; }},
      {{"supply", "cowos", "program_share"}, true, Dimension::count, kFraction,
       [](FleetScenario& s, Items, double v) { s.supply.cowos_program_share = v; }},
      {{"finance", "depreciation_life"}, false, Dimension::time, kLife,
       [](FleetScenario& s, Items, double v) { s.finance.depreciation_seconds = v; }},
      {{"finance", "facility_depreciation_life"}, false, Dimension::time, kLife,
       [](FleetScenario& s, Items, double v) { s.finance.facility_depreciation_seconds = v; }},
      {{"finance", "cost_of_capital"}, true, Dimension::count, kFraction,
       [](FleetScenario& s, Items, double v) { s.finance.cost_of_capital = v; }},
      {{"finance", "power_utilization"}, true, Dimension::count, kFraction,
       [](FleetScenario& s, Items, double v) { s.finance.power_utilization = v; }},
  };
  return rules;
}

std::vector<std::string> uncertain_field_names() {
  std::vector<std::string> names;
  for (const UncertainFieldRule& rule : uncertain_field_rules()) {
    std::string name;
    for (std::string_view part : rule.pattern) name += (name.empty() ? "" : ".") + std::string(part == "[]" ? "*" : part);
    names.push_back(name);
  }
  return names;
}

}  // namespace stargate
