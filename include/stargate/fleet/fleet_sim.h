#pragma once
// Quarter-by-quarter build-out of a fleet scenario (DESIGN.md "Fleet"). Each quarter, in this order:
//   1. the quarter's budget tranche is released; ramp steps whose construction finished are energized;
//      cohorts older than the depreciation life retire and free their power;
//   2. GPUs of the newest available generation are bought and installed, as many as the tightest of
//      budget (cash on hand / all-in price), power (energized IT watts not yet used), HBM (stacks from qualified
//      vendors × the program's share) and CoWoS (wafers × share × GPUs per wafer) allow, in whole nodes; that
//      tightest one is the quarter's binding limit; unbought supply does not carry over;
//   3. with the cash left, construction starts on due ramp steps (capex paid at start, energized one
//      construction lead time later, never before the ramp's planned quarter); a step that cannot be paid
//      waits, which delays it.
// Money goes through the cost layer's finance functions (stargate/cost/finance.h), the same ones that price a
// GPU-hour for serve and search. Capex counts against the program budget; opex (energy) is paid by the operator and reported separately.
// Invariants (checked by tests): cumulative spend ≤ released budget; installed IT power ≤ energized power at every
// site; GPUs bought in a quarter ≤ that quarter's HBM and CoWoS supply.
#include <array>
#include <string>
#include <vector>

#include "stargate/cost/gpu_hour_cost.h"
#include "stargate/cost/finance.h"
#include "stargate/fleet/fleet_scenario.h"

namespace stargate {

enum class Limit { budget, power, hbm, cowos, no_generation };
std::string_view limit_name(Limit limit);

// GPUs of one generation bought in one quarter into one site.
struct Cohort {
  int generation = 0;
  int site = 0;
  Quarter bought = 0;
  double gpus = 0;
  double capex_usd = 0;
};

struct SiteQuarter {
  double energized_it_watts = 0;
  double installed_it_watts = 0;  // nameplate IT power of installed GPUs
  double gpus = 0;
};

struct FleetQuarter {
  Quarter quarter = 0;
  int generation = -1;  // generation bought this quarter (-1: none available)
  // Money, USD.
  double budget_released = 0;    // cumulative
  double spent = 0;              // cumulative capex
  double capex_it = 0;           // this quarter
  double capex_facility = 0;     // this quarter (construction starts)
  double opex_energy = 0;        // this quarter
  double depreciation = 0;       // this quarter, IT + facility, straight line
  double capital_charge = 0;     // this quarter: capital recovery (annuity at the cost of capital)
  // Power, W.
  double energized_it_watts = 0;
  double installed_it_watts = 0;
  double facility_watts = 0;     // average draw at the meter: installed IT × utilization × PUE
  // Hardware.
  double gpus_bought = 0;
  double gpus_installed = 0;
  double hbm_stacks_supply = 0;  // this quarter, program share of qualified vendors
  double cowos_gpus_supply = 0;  // this quarter, program share
  std::array<double, 3> limits_gpus{};  // GPUs allowed by budget, power, HBM/CoWoS min (diagnostic)
  Limit binding = Limit::no_generation;
  std::vector<double> gpus_by_generation;
  std::array<double, 3> peak_flops{};  // installed dense FLOP/s: bf16, fp8, fp4
  double usd_per_gpu_hour = 0;         // (capital charge + energy) / installed GPU-hours
  GpuHourCost gpu_hour_cost;           // its parts: IT capital charge, facility capital charge, energy per GPU-hour
  std::vector<SiteQuarter> sites;
};

struct FleetResult {
  std::vector<FleetQuarter> quarters;
  std::vector<Cohort> cohorts;
};

FleetResult simulate_fleet(const FleetScenario& scenario);

}  // namespace stargate
