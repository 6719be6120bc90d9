#include "stargate/fleet/fleet_sim.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stargate/cost/finance.h"

namespace stargate {
namespace {

constexpr double kSecondsPerQuarter = kSecondsPerYear / 4.0;

struct Construction {
  int site = 0;
  Quarter planned = 0;  // planned energize quarter from the ramp
  double watts = 0;
  double capex = 0;
  bool started = false;
  Quarter energize = 0;
};

// What carries over from one quarter to the next.
struct FleetState {
  const FleetScenario& s;
  std::vector<Construction> projects;
  std::vector<double> energized, used, site_gpus;  // per site: W, W, GPUs
  double released = 0, spent = 0;                 // cumulative USD
  FleetResult out;
};

double peak_or_zero(const AcceleratorSpec& a, Dtype d) { return a.peak(d).value_or(0.0); }

FleetState initial_state(const FleetScenario& s) {
  const int n_sites = static_cast<int>(s.sites.size());
  FleetState st{.s = s, .energized = std::vector<double>(n_sites, 0.0), .used = std::vector<double>(n_sites, 0.0),
                .site_gpus = std::vector<double>(n_sites, 0.0)};
  for (int i = 0; i < n_sites; ++i) {
    for (const auto& [q, w] : s.sites[i].ramp_watts) {
      st.projects.push_back({.site = i, .planned = q, .watts = w, .capex = w * s.sites[i].capex_per_watt});
    }
  }
  std::stable_sort(st.projects.begin(), st.projects.end(),
                   [](const Construction& a, const Construction& b) { return a.planned < b.planned; });
  return st;
}

// Step 1: the quarter's budget tranche, energized ramp steps, retired cohorts.
void release_energize_retire(FleetState& st, Quarter q, int step) {
  for (const auto& [tq, usd] : st.s.budget_tranches) {
    if (tq == q || (step == 0 && tq < q)) st.released += usd;
  }
  for (const Construction& p : st.projects) {
    if (p.started && p.energize == q) st.energized[p.site] += p.watts;
  }
  const double it_life_q = st.s.finance.depreciation_seconds / kSecondsPerQuarter;
  for (Cohort& c : st.out.cohorts) {
    if (c.gpus > 0 && q - c.bought >= it_life_q) {
      st.used[c.site] -= c.gpus * st.s.generations[c.generation].it_watts_per_gpu;
      st.site_gpus[c.site] -= c.gpus;
      c.gpus = 0;  // retired
    }
  }
}

// The quarter's supply and the GPUs each limit allows; sets fq's supply, limits and binding limit.
double gpus_allowed(const FleetState& st, const Generation& gen, FleetQuarter& fq) {
  const Quarter q = fq.quarter;
  fq.cowos_gpus_supply =
      st.s.supply.cowos_wafers_per_month.at(q) * 3.0 * st.s.supply.cowos_program_share * gen.gpus_per_cowos_wafer;
  double spare = 0;
  for (size_t i = 0; i < st.s.sites.size(); ++i) spare += std::max(0.0, st.energized[i] - st.used[i]);
  const double by_budget = std::max(0.0, st.released - st.spent) / gen.price_per_gpu_usd;
  const double by_power = spare / gen.it_watts_per_gpu;
  const double by_hbm = fq.hbm_stacks_supply / gen.hbm_stacks_per_gpu;
  const double by_cowos = fq.cowos_gpus_supply;
  const std::array<std::pair<double, Limit>, 4> limits{
      {{by_budget, Limit::budget}, {by_power, Limit::power}, {by_hbm, Limit::hbm}, {by_cowos, Limit::cowos}}};
  const auto tightest = *std::min_element(limits.begin(), limits.end(),
                                          [](const auto& a, const auto& b) { return a.first < b.first; });
  fq.binding = tightest.second;
  fq.limits_gpus = {by_budget, by_power, std::min(by_hbm, by_cowos)};
  return tightest.first;
}

// Step 2: buy whole nodes of the newest available generation, placed at sites with spare power in order.
void buy_gpus(FleetState& st, FleetQuarter& fq) {
  const FleetScenario& s = st.s;
  for (int g = 0; g < static_cast<int>(s.generations.size()); ++g) {
    if (s.generations[g].available <= fq.quarter) fq.generation = g;
  }
  for (const HbmVendor& v : s.supply.hbm) {
    if (v.qualified_from && *v.qualified_from <= fq.quarter) {
      fq.hbm_stacks_supply += v.wafers_per_month.at(fq.quarter) * 3.0 * s.supply.hbm_stacks_per_wafer * v.program_share;
    }
  }
  if (fq.generation < 0) return;
  const Generation& gen = s.generations[fq.generation];
  const double per_node = std::max(1, gen.node.gpus_per_node);
  double to_buy = std::floor(gpus_allowed(st, gen, fq) / per_node) * per_node;
  for (size_t i = 0; i < s.sites.size() && to_buy > 0; ++i) {
    const double fit =
        std::floor(std::max(0.0, st.energized[i] - st.used[i]) / gen.it_watts_per_gpu / per_node) * per_node;
    const double n = std::min(fit, to_buy);
    if (n <= 0) continue;
    to_buy -= n;
    st.used[i] += n * gen.it_watts_per_gpu;
    st.site_gpus[i] += n;
    const double capex = n * gen.price_per_gpu_usd;
    st.spent += capex;
    fq.capex_it += capex;
    fq.gpus_bought += n;
    st.out.cohorts.push_back({fq.generation, static_cast<int>(i), fq.quarter, n, capex});
  }
}

// Quarters a site's ramp steps energize after plan: the later of its building and grid connection delays, to the
// nearest whole quarter (a step planned somewhere inside a quarter slips by the delay on average).
int slip_quarters(const Site& site) {
  const double delay = std::max(site.construction_delay_seconds, site.interconnection_delay_seconds);
  return static_cast<int>(std::lround(std::min(delay / kSecondsPerQuarter, 4e5)));  // beyond any horizon: no overflow
}

// Step 3: start construction of due ramp steps with the cash left.
void start_construction(FleetState& st, FleetQuarter& fq) {
  const Quarter q = fq.quarter;
  for (Construction& p : st.projects) {
    if (p.started) continue;
    const Site& site = st.s.sites[p.site];
    const int lead_q = static_cast<int>(std::ceil(site.construction_seconds / kSecondsPerQuarter - 1e-9));
    if (p.planned - lead_q > q) continue;            // not due yet
    if (st.released - st.spent < p.capex) continue;  // waits for money (later steps of other sites may still fit)
    p.started = true;
    // A step due before the program started is already under way (paid now, energized as planned); a step
    // started late by lack of money slips by the delay.
    p.energize = p.planned + std::max(0, q - std::max(p.planned - lead_q, st.s.start)) + slip_quarters(site);
    st.spent += p.capex;
    fq.capex_facility += p.capex;
    if (p.energize == q) st.energized[p.site] += p.watts;
  }
}

// Step 4a: power per site and the energy bill.
void account_power(const FleetState& st, FleetQuarter& fq) {
  const int n_sites = static_cast<int>(st.s.sites.size());
  fq.sites.resize(n_sites);
  for (int i = 0; i < n_sites; ++i) {
    fq.sites[i] = {st.energized[i], st.used[i], st.site_gpus[i]};
    fq.energized_it_watts += st.energized[i];
    fq.installed_it_watts += st.used[i];
    const double meter = metered_watts(st.used[i], st.s.finance.power_utilization, st.s.sites[i].pue);
    fq.facility_watts += meter;
    fq.opex_energy += energy_cost_usd(meter, kSecondsPerQuarter, st.s.sites[i].energy_usd_per_joule);
  }
}

// Step 4b: installed hardware, depreciation and capital charge (IT cohorts, then energized facility steps).
void account_capital(const FleetState& st, FleetQuarter& fq, double& it_charge, double& facility_charge) {
  const Finance& f = st.s.finance;
  fq.gpus_by_generation.assign(st.s.generations.size(), 0.0);
  for (const Cohort& c : st.out.cohorts) {
    if (c.gpus <= 0) continue;
    const AcceleratorSpec& a = st.s.generations[c.generation].accelerator;
    fq.gpus_by_generation[c.generation] += c.gpus;
    fq.gpus_installed += c.gpus;
    fq.peak_flops[0] += c.gpus * peak_or_zero(a, Dtype::bf16);
    fq.peak_flops[1] += c.gpus * peak_or_zero(a, Dtype::fp8);
    fq.peak_flops[2] += c.gpus * peak_or_zero(a, Dtype::fp4);
    fq.depreciation += straight_line_depreciation_usd(c.capex_usd, f.depreciation_seconds, kSecondsPerQuarter);
    const double charge = capital_charge_usd(c.capex_usd, f.cost_of_capital, f.depreciation_seconds, kSecondsPerQuarter);
    fq.capital_charge += charge;
    it_charge += charge;
  }
  const double fac_life_q = f.facility_depreciation_seconds / kSecondsPerQuarter;
  for (const Construction& p : st.projects) {
    if (p.started && p.energize <= fq.quarter && fq.quarter - p.energize < fac_life_q) {
      fq.depreciation += straight_line_depreciation_usd(p.capex, f.facility_depreciation_seconds, kSecondsPerQuarter);
      const double charge =
          capital_charge_usd(p.capex, f.cost_of_capital, f.facility_depreciation_seconds, kSecondsPerQuarter);
      fq.capital_charge += charge;
      facility_charge += charge;
    }
  }
}

// Step 4: the quarter's books; $/GPU-hour over installed GPU-hours, with its parts.
void account_quarter(const FleetState& st, FleetQuarter& fq) {
  fq.budget_released = st.released;
  fq.spent = st.spent;
  account_power(st, fq);
  double it_charge = 0, facility_charge = 0;
  account_capital(st, fq, it_charge, facility_charge);
  const double gpu_hours = fq.gpus_installed * kSecondsPerQuarter / 3600.0;
  if (gpu_hours <= 0) return;
  fq.usd_per_gpu_hour = (fq.capital_charge + fq.opex_energy) / gpu_hours;
  fq.gpu_hour_cost = {.capital_usd = it_charge / gpu_hours,
                      .facility_usd = facility_charge / gpu_hours,
                      .energy_usd = fq.opex_energy / gpu_hours};
}

}  // namespace

std::string_view limit_name(Limit limit) {
  switch (limit) {
    case Limit::budget: return "budget";
    case Limit::power: return "power";
    case Limit::hbm: return "hbm";
    case Limit::cowos: return "cowos";
    case Limit::no_generation: return "no-generation";
  }
  return "?";
}

FleetResult simulate_fleet(const FleetScenario& s) {
  FleetState st = initial_state(s);
  for (int step = 0; step < s.quarters; ++step) {
    FleetQuarter fq;
    fq.quarter = s.start + step;
    release_energize_retire(st, fq.quarter, step);
    buy_gpus(st, fq);
    start_construction(st, fq);
    account_quarter(st, fq);
    st.out.quarters.push_back(std::move(fq));
  }
  return std::move(st.out);
}

}  // namespace stargate
