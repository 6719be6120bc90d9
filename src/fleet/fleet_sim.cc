#include "stargate/fleet/fleet_sim.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace stargate {
namespace {

constexpr double kSecondsPerQuarter = 365.0 * 86400.0 / 4.0;
constexpr double kSecondsPerYear = 365.0 * 86400.0;

struct Construction {
  int site = 0;
  Quarter planned = 0;  // planned energize quarter from the ramp
  double watts = 0;
  double capex = 0;
  bool started = false;
  Quarter energize = 0;
};

double peak_or_zero(const AcceleratorSpec& a, Dtype d) { return a.peak(d).value_or(0.0); }

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

double capital_recovery_factor(double rate, double years) {
  if (!(years > 0)) return 0;
  if (rate <= 1e-12) return 1.0 / years;
  return rate / (1.0 - std::pow(1.0 + rate, -years));
}

FleetResult simulate_fleet(const FleetScenario& s) {
  FleetResult out;
  const int n_sites = static_cast<int>(s.sites.size());
  std::vector<Construction> projects;
  for (int i = 0; i < n_sites; ++i) {
    for (const auto& [q, w] : s.sites[i].ramp_watts) {
      projects.push_back({i, q, w, w * s.sites[i].capex_per_watt, false, 0});
    }
  }
  std::stable_sort(projects.begin(), projects.end(),
                   [](const Construction& a, const Construction& b) { return a.planned < b.planned; });

  std::vector<double> energized(n_sites, 0.0), used(n_sites, 0.0), site_gpus(n_sites, 0.0);
  double released = 0, spent = 0;
  const double it_life_q = s.finance.depreciation_seconds / kSecondsPerQuarter;
  const double fac_life_q = s.finance.facility_depreciation_seconds / kSecondsPerQuarter;
  const double crf_it = capital_recovery_factor(s.finance.cost_of_capital,
                                                s.finance.depreciation_seconds / kSecondsPerYear) / 4.0;
  const double crf_fac = capital_recovery_factor(s.finance.cost_of_capital,
                                                 s.finance.facility_depreciation_seconds / kSecondsPerYear) / 4.0;
  const int n_gen = static_cast<int>(s.generations.size());

  for (int step = 0; step < s.quarters; ++step) {
    const Quarter q = s.start + step;
    FleetQuarter fq;
    fq.quarter = q;
    // 1. Budget, energize, retire.
    for (const auto& [tq, usd] : s.budget_tranches) {
      if (tq == q || (step == 0 && tq < q)) released += usd;
    }
    for (const Construction& p : projects) {
      if (p.started && p.energize == q) energized[p.site] += p.watts;
    }
    for (Cohort& c : out.cohorts) {
      if (c.gpus > 0 && q - c.bought >= it_life_q) {
        used[c.site] -= c.gpus * s.generations[c.generation].it_watts_per_gpu;
        site_gpus[c.site] -= c.gpus;
        c.gpus = 0;  // retired
      }
    }
    // 2. Buy GPUs of the newest available generation.
    for (int g = 0; g < n_gen; ++g) {
      if (s.generations[g].available <= q) fq.generation = g;
    }
    for (const HbmVendor& v : s.supply.hbm) {
      if (v.qualified_from && *v.qualified_from <= q) {
        fq.hbm_stacks_supply += v.wafers_per_month.at(q) * 3.0 * s.supply.hbm_stacks_per_wafer * v.program_share;
      }
    }
    if (fq.generation >= 0) {
      const Generation& gen = s.generations[fq.generation];
      fq.cowos_gpus_supply =
          s.supply.cowos_wafers_per_month.at(q) * 3.0 * s.supply.cowos_program_share * gen.gpus_per_cowos_wafer;
      double spare = 0;
      for (int i = 0; i < n_sites; ++i) spare += std::max(0.0, energized[i] - used[i]);
      const double by_budget = std::max(0.0, released - spent) / gen.price_per_gpu_usd;
      const double by_power = spare / gen.it_watts_per_gpu;
      const double by_hbm = fq.hbm_stacks_supply / gen.hbm_stacks_per_gpu;
      const double by_cowos = fq.cowos_gpus_supply;
      const std::array<std::pair<double, Limit>, 4> limits{{{by_budget, Limit::budget},
                                                            {by_power, Limit::power},
                                                            {by_hbm, Limit::hbm},
                                                            {by_cowos, Limit::cowos}}};
      const auto tightest = *std::min_element(limits.begin(), limits.end(),
                                              [](const auto& a, const auto& b) { return a.first < b.first; });
      fq.binding = tightest.second;
      fq.limits_gpus = {by_budget, by_power, std::min(by_hbm, by_cowos)};
      const double per_node = std::max(1, gen.node.gpus_per_node);
      double to_buy = std::floor(tightest.first / per_node) * per_node;
      // Place whole nodes at sites with spare power, in the scenario's order.
      for (int i = 0; i < n_sites && to_buy > 0; ++i) {
        const double fit = std::floor(std::max(0.0, energized[i] - used[i]) / gen.it_watts_per_gpu / per_node) *
                           per_node;
        const double n = std::min(fit, to_buy);
        if (n <= 0) continue;
        to_buy -= n;
        used[i] += n * gen.it_watts_per_gpu;
        site_gpus[i] += n;
        const double capex = n * gen.price_per_gpu_usd;
        spent += capex;
        fq.capex_it += capex;
        fq.gpus_bought += n;
        out.cohorts.push_back({fq.generation, i, q, n, capex});
      }
    }
    // 3. Start construction of due ramp steps with the cash left.
    for (Construction& p : projects) {
      if (p.started) continue;
      const Site& site = s.sites[p.site];
      const int lead_q = static_cast<int>(std::ceil(site.construction_seconds / kSecondsPerQuarter - 1e-9));
      if (p.planned - lead_q > q) continue;  // not due yet
      if (released - spent < p.capex) continue;  // waits for money (later steps of other sites may still fit)
      p.started = true;
      // A step due before the program started is already under way (paid now, energized as planned); a step
      // started late by lack of money slips by the delay.
      p.energize = p.planned + std::max(0, q - std::max(p.planned - lead_q, s.start));
      spent += p.capex;
      fq.capex_facility += p.capex;
      if (p.energize == q) energized[p.site] += p.watts;
    }
    // 4. Power, opex, depreciation, capital charge.
    fq.budget_released = released;
    fq.spent = spent;
    fq.sites.resize(n_sites);
    for (int i = 0; i < n_sites; ++i) {
      fq.sites[i] = {energized[i], used[i], site_gpus[i]};
      fq.energized_it_watts += energized[i];
      fq.installed_it_watts += used[i];
      const double meter = used[i] * s.finance.power_utilization * s.sites[i].pue;
      fq.facility_watts += meter;
      fq.opex_energy += meter * kSecondsPerQuarter * s.sites[i].energy_usd_per_joule;
    }
    fq.gpus_by_generation.assign(n_gen, 0.0);
    for (const Cohort& c : out.cohorts) {
      if (c.gpus <= 0) continue;
      const AcceleratorSpec& a = s.generations[c.generation].accelerator;
      fq.gpus_by_generation[c.generation] += c.gpus;
      fq.gpus_installed += c.gpus;
      fq.peak_flops[0] += c.gpus * peak_or_zero(a, Dtype::bf16);
      fq.peak_flops[1] += c.gpus * peak_or_zero(a, Dtype::fp8);
      fq.peak_flops[2] += c.gpus * peak_or_zero(a, Dtype::fp4);
      fq.depreciation += c.capex_usd / it_life_q;
      fq.capital_charge += c.capex_usd * crf_it;
    }
    for (const Construction& p : projects) {
      if (p.started && p.energize <= q && q - p.energize < fac_life_q) {
        fq.depreciation += p.capex / fac_life_q;
        fq.capital_charge += p.capex * crf_fac;
      }
    }
    const double gpu_hours = fq.gpus_installed * kSecondsPerQuarter / 3600.0;
    fq.usd_per_gpu_hour = gpu_hours > 0 ? (fq.capital_charge + fq.opex_energy) / gpu_hours : 0.0;
    out.quarters.push_back(std::move(fq));
  }
  return out;
}

}  // namespace stargate
