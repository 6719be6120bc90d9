#pragma once
// The assumptions of the cost model: finance, facility and IT-share parameters. Defaults live in
// data/cost/assumptions.yaml (embedded), each citing its source; SI base units (s, W, USD, USD/J).
#include <string>
#include <string_view>

#include "stargate/core/result.h"

namespace stargate {

struct CostAssumptions {
  double cost_of_capital = 0;               // annual rate
  double it_life_seconds = 0;               // depreciation life of the IT hardware
  double facility_life_seconds = 0;         // depreciation life of the facility
  double facility_capex_usd_per_watt = 0;   // facility capex per W of critical IT load
  double pue = 1;                           // facility power / IT power
  double energy_usd_per_joule = 0;          // electricity price
  double power_utilization = 0;             // average fraction of IT nameplate power drawn
  double network_share = 0;                 // scale-out network, fraction of all-in IT cost
  double storage_share = 0;                 // storage, fraction of all-in IT cost
  double server_price_multiplier = 1;       // server price / accelerator price (node without a price)
  double server_power_multiplier = 1;       // server power per GPU / accelerator TDP (node without a power)
};

// Reads a `cost:` document (the format of data/cost/assumptions.yaml); errors name file:line:field.
Result<CostAssumptions> parse_cost_assumptions(std::string_view text, const std::string& file);

// The built-in defaults (data/cost/assumptions.yaml), parsed once.
const CostAssumptions& default_cost_assumptions();

}  // namespace stargate
