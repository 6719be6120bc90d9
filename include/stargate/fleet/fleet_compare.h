#pragma once
// `stargate plan --compare A B`: what changed between two scenarios (budget, sites, power, dates, generations) and
// what it does, quarter by quarter, to power, GPUs, FLOP/s, tokens/day and $/M tokens. Data only; report/ renders.
#include <optional>
#include <string>
#include <vector>

#include "stargate/fleet/fleet_plan.h"

namespace stargate {

// A site's inputs in one scenario, summed over its ramp.
struct SiteSummary {
  std::string location;
  double ramp_it_watts = 0;        // sum of the ramp steps
  Quarter first_step = 0, last_step = 0;
  double pue = 0;
  double capex_per_watt = 0;
  double construction_seconds = 0;
};

struct GenerationSummary {
  std::string accelerator;   // catalog name
  Quarter available = 0;
  double price_per_gpu_usd = 0;
  double it_watts_per_gpu = 0;
};

// One named item (site or generation) in A and/or B; only items whose inputs differ are listed.
template <typename Summary>
struct ItemChange {
  std::string name;
  std::optional<Summary> a, b;  // nullopt: absent from that scenario
};

// The quarter's headline outputs of one plan.
struct QuarterOutputs {
  double energized_it_watts = 0;
  double facility_watts = 0;       // average draw at the meter
  double gpus_installed = 0;
  double flops_bf16 = 0;           // installed dense FLOP/s
  double tokens_per_day = 0;
  double usd_per_million_tokens = 0;
  double budget_released_usd = 0;
  double spent_usd = 0;
};

struct QuarterComparison {
  Quarter quarter = 0;
  std::optional<QuarterOutputs> a, b;  // nullopt: outside that plan's horizon
};

struct FleetComparison {
  std::string name_a, name_b;
  double budget_a_usd = 0, budget_b_usd = 0;
  int tranches_a = 0, tranches_b = 0;                 // budget release steps
  double sites_it_watts_a = 0, sites_it_watts_b = 0;  // all ramps summed
  std::vector<ItemChange<SiteSummary>> sites;
  std::vector<ItemChange<GenerationSummary>> generations;
  std::vector<QuarterComparison> quarters;  // the union of both horizons, in order
};

FleetComparison compare_fleet_plans(const FleetPlan& a, const FleetPlan& b);

}  // namespace stargate
