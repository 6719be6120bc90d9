#pragma once
// Sensitivity (`stargate plan --vary FIELD=LOW..HIGH`): re-run the plan with one scenario field at its low and
// high value, all else fixed, and rank the fields by how much they swing the results (a tornado chart).
// FIELD is a dotted path below `fleet:`; list items are picked by their name/vendor or by index, `*` means every
// item: `finance.cost_of_capital`, `sites.abilene.pue`, `sites.*.capex_per_mw`, `generations.GB200.price_per_gpu`,
// `supply.cowos.program_share`. LOW and HIGH are written as in the YAML ("$9.3M", "0.08", "1.1").
#include <string>
#include <string_view>
#include <vector>

#include "stargate/core/progress.h"
#include "stargate/core/result.h"
#include "stargate/fleet/delivery.h"
#include "stargate/fleet/fleet_sim.h"

namespace stargate {

struct VaryRequest {
  std::string field;
  std::string low;
  std::string high;
};

Result<VaryRequest> parse_vary(std::string_view text);  // "FIELD=LOW..HIGH"

// The headline numbers at the end of the horizon.
struct PlanMetrics {
  double gpus = 0;
  double pflops_bf16 = 0;
  double facility_mw = 0;
  double spent_usd = 0;
  double tokens_per_day = 0;
  double usd_per_million_tokens = 0;
  double usd_per_gpu_hour = 0;
  double training_days = 0;  // for the scenario's N FLOPs on the largest cluster
};
PlanMetrics plan_metrics(const FleetResult& result, const FleetDelivery& delivery);

// `text` with the scalar at `field` (below fleet:) replaced by `value`; errors name unknown paths.
Result<std::string> scenario_with_override(std::string_view text, const std::string& field, const std::string& value);

struct TornadoRow {
  VaryRequest vary;
  PlanMetrics low, high;
  double swing() const;  // larger relative swing of installed PFLOP/s and of $/M tokens
};

struct Tornado {
  PlanMetrics base;
  std::vector<TornadoRow> rows;  // largest swing first
};

// `progress` (core/progress.h) is told of each fleet simulation done, out of 1 + 2 per vary request.
Result<Tornado> run_sensitivity(std::string_view scenario_text, const std::string& file,
                                const std::vector<VaryRequest>& varies, const ProgressCallback& progress = {});

}  // namespace stargate
