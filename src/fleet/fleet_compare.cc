// Two fleet plans side by side (fleet_compare.h).
#include "stargate/fleet/fleet_compare.h"

#include <algorithm>
#include <map>

namespace stargate {
namespace {

SiteSummary summarize(const Site& s) {
  SiteSummary out{.location = s.location, .pue = s.pue, .capex_per_watt = s.capex_per_watt,
                  .construction_seconds = s.construction_seconds};
  for (const auto& [quarter, watts] : s.ramp_watts) out.ramp_it_watts += watts;
  if (!s.ramp_watts.empty()) {
    out.first_step = s.ramp_watts.front().first;
    out.last_step = s.ramp_watts.back().first;
  }
  return out;
}

GenerationSummary summarize(const Generation& g) {
  return {.accelerator = g.accelerator.name, .available = g.available, .price_per_gpu_usd = g.price_per_gpu_usd,
          .it_watts_per_gpu = g.it_watts_per_gpu};
}

bool same(const SiteSummary& x, const SiteSummary& y) {
  return x.location == y.location && x.ramp_it_watts == y.ramp_it_watts && x.first_step == y.first_step &&
         x.last_step == y.last_step && x.pue == y.pue && x.capex_per_watt == y.capex_per_watt &&
         x.construction_seconds == y.construction_seconds;
}

bool same(const GenerationSummary& x, const GenerationSummary& y) {
  return x.accelerator == y.accelerator && x.available == y.available && x.price_per_gpu_usd == y.price_per_gpu_usd &&
         x.it_watts_per_gpu == y.it_watts_per_gpu;
}

// Items of A in A's order, then those only in B in B's order; unchanged items are left out.
template <typename Item>
auto changed_items(const std::vector<Item>& a, const std::vector<Item>& b) {
  using Summary = decltype(summarize(a.front()));
  std::vector<ItemChange<Summary>> out;
  const auto find = [](const std::vector<Item>& items, const std::string& name) -> std::optional<Summary> {
    for (const Item& item : items) {
      if (item.name == name) return summarize(item);
    }
    return std::nullopt;
  };
  for (const Item& item : a) {
    ItemChange<Summary> change{.name = item.name, .a = summarize(item), .b = find(b, item.name)};
    if (!change.b || !same(*change.a, *change.b)) out.push_back(std::move(change));
  }
  for (const Item& item : b) {
    if (!find(a, item.name)) out.push_back({.name = item.name, .a = std::nullopt, .b = summarize(item)});
  }
  return out;
}

double total_ramp_watts(const FleetScenario& s) {
  double watts = 0;
  for (const Site& site : s.sites) watts += summarize(site).ramp_it_watts;
  return watts;
}

QuarterOutputs outputs(const FleetQuarter& q, const QuarterDelivery& d) {
  return {.energized_it_watts = q.energized_it_watts, .facility_watts = q.facility_watts,
          .gpus_installed = q.gpus_installed, .flops_bf16 = q.peak_flops[0], .tokens_per_day = d.tokens_per_day,
          .usd_per_million_tokens = d.usd_per_million_tokens, .budget_released_usd = q.budget_released,
          .spent_usd = q.spent};
}

}  // namespace

FleetComparison compare_fleet_plans(const FleetPlan& a, const FleetPlan& b) {
  FleetComparison out{.name_a = a.scenario.name, .name_b = b.scenario.name,
                      .budget_a_usd = a.scenario.budget_total_usd, .budget_b_usd = b.scenario.budget_total_usd,
                      .tranches_a = static_cast<int>(a.scenario.budget_tranches.size()),
                      .tranches_b = static_cast<int>(b.scenario.budget_tranches.size()),
                      .sites_it_watts_a = total_ramp_watts(a.scenario), .sites_it_watts_b = total_ramp_watts(b.scenario),
                      .sites = changed_items(a.scenario.sites, b.scenario.sites),
                      .generations = changed_items(a.scenario.generations, b.scenario.generations)};
  std::map<Quarter, QuarterComparison> by_quarter;
  for (size_t i = 0; i < a.result.quarters.size(); ++i) {
    const Quarter q = a.result.quarters[i].quarter;
    by_quarter[q].quarter = q;
    by_quarter[q].a = outputs(a.result.quarters[i], a.delivery.quarters[i]);
  }
  for (size_t i = 0; i < b.result.quarters.size(); ++i) {
    const Quarter q = b.result.quarters[i].quarter;
    by_quarter[q].quarter = q;
    by_quarter[q].b = outputs(b.result.quarters[i], b.delivery.quarters[i]);
  }
  for (auto& [quarter, row] : by_quarter) out.quarters.push_back(row);
  return out;
}

}  // namespace stargate
