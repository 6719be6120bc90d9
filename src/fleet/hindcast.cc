// The hindcast (milestones.h): each milestone's twin value per quarter, its quantity error at the milestone's
// quarter and the quarter the twin first reaches the recorded value.
#include <algorithm>
#include <cmath>
#include <optional>

#include "stargate/fleet/milestones.h"

namespace stargate {
namespace {

std::optional<int> index_of_site(const FleetScenario& s, const std::string& name) {
  for (size_t i = 0; i < s.sites.size(); ++i) {
    if (s.sites[i].name == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::optional<int> index_of_generation(const FleetScenario& s, const std::string& name) {
  for (size_t i = 0; i < s.generations.size(); ++i) {
    if (s.generations[i].name == name) return static_cast<int>(i);
  }
  return std::nullopt;
}

double site_power(const FleetScenario& s, const FleetQuarter& q, std::optional<int> site, bool facility) {
  double watts = 0;
  for (size_t i = 0; i < q.sites.size(); ++i) {
    if (site && static_cast<int>(i) != *site) continue;
    watts += q.sites[i].energized_it_watts * (facility ? s.sites[i].pue : 1.0);
  }
  return watts;
}

double it_capex_to_date(const FleetResult& r, Quarter q, std::optional<int> site) {
  double usd = 0;
  for (const Cohort& c : r.cohorts) {
    if (c.bought <= q && (!site || c.site == *site)) usd += c.capex_usd;
  }
  return usd;
}

// The metric's twin value at quarter index `i` of the plan; `site` / `generation` already resolved.
double twin_value(const FleetPlan& p, const Milestone& m, size_t i, std::optional<int> site, std::optional<int> generation) {
  const FleetQuarter& q = p.result.quarters[i];
  switch (m.metric) {
    case MilestoneMetric::facility_power: return site_power(p.scenario, q, site, true);
    case MilestoneMetric::it_power: return site_power(p.scenario, q, site, false);
    case MilestoneMetric::gpus_installed: return site ? q.sites[*site].gpus : q.gpus_installed;
    case MilestoneMetric::budget_committed: return q.budget_released;
    case MilestoneMetric::capex_spent: return q.spent;
    case MilestoneMetric::it_capex: return it_capex_to_date(p.result, q.quarter, site);
    case MilestoneMetric::generation_it_power:
      return q.gpus_by_generation[*generation] * p.scenario.generations[*generation].it_watts_per_gpu;
  }
  return 0;
}

// Why a milestone cannot be compared with this scenario, or empty.
std::string why_not_compared(const FleetPlan& p, const Milestone& m) {
  if (!m.site.empty() && !index_of_site(p.scenario, m.site)) return "no site '" + m.site + "' in the scenario";
  if (!m.generation.empty() && !index_of_generation(p.scenario, m.generation)) {
    return "no generation '" + m.generation + "' in the scenario";
  }
  if (p.result.quarters.empty()) return "empty horizon";
  if (m.quarter > p.result.quarters.back().quarter) return "after the horizon (" + quarter_name(p.result.quarters.back().quarter) + ")";
  return "";
}

HindcastRow compare(const FleetPlan& p, const Milestone& m) {
  HindcastRow row{.milestone = m};
  row.why_not = why_not_compared(p, m);
  if (!row.why_not.empty()) return row;
  const std::optional<int> site = m.site.empty() ? std::nullopt : index_of_site(p.scenario, m.site);
  const std::optional<int> generation = m.generation.empty() ? std::nullopt : index_of_generation(p.scenario, m.generation);
  row.compared = true;
  const std::vector<FleetQuarter>& quarters = p.result.quarters;
  // Before the first simulated quarter nothing is built and no budget is released.
  for (size_t i = 0; i < quarters.size(); ++i) {
    if (quarters[i].quarter == m.quarter) row.twin_value = twin_value(p, m, i, site, generation);
  }
  row.quantity_error = row.twin_value / m.value - 1.0;
  // Relative: published figures carry two or three significant digits, and scenario ramps are rounded to whole MW
  // (1.5 GW / 1.2 PUE = 417 + 417 + 416 MW), so a twin within 0.5% of the record has reached it.
  constexpr double kReachedTolerance = 0.005;
  for (size_t i = 0; i < quarters.size(); ++i) {
    if (twin_value(p, m, i, site, generation) >= m.value * (1 - kReachedTolerance)) {
      row.reached = true;
      row.quarters_late = quarters[i].quarter - m.quarter;
      break;
    }
  }
  return row;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

Hindcast run_hindcast(const FleetPlan& plan, const std::vector<Milestone>& milestones) {
  Hindcast h{.scenario = plan.scenario.name};
  if (!plan.result.quarters.empty()) {
    h.first = plan.result.quarters.front().quarter;
    h.last = plan.result.quarters.back().quarter;
  }
  std::vector<double> quantity_errors, quarter_errors;
  for (const Milestone& m : milestones) {
    HindcastRow row = compare(plan, m);
    if (row.compared) {
      ++h.compared;
      quantity_errors.push_back(std::abs(row.quantity_error));
      if (row.reached) {
        ++h.reached;
        quarter_errors.push_back(std::abs(static_cast<double>(row.quarters_late)));
      }
    }
    h.rows.push_back(std::move(row));
  }
  h.median_abs_quantity_error = median(quantity_errors);
  h.median_abs_quarters = median(quarter_errors);
  return h;
}

}  // namespace stargate
