#pragma once
// Outputs of `stargate plan`: a terminal summary, JSON with stable field names (units in the names), and a CSV
// time series with one row per quarter. (`stargate report` renders the same plan as HTML: html_report.h.)
#include <string>

#include "stargate/fleet/fleet_plan.h"

namespace stargate {

std::string fleet_to_text(const FleetPlan& plan);
// Indented JSON ending in a newline.
std::string fleet_to_json(const FleetPlan& plan);
// A header line and one line per quarter.
std::string fleet_to_csv(const FleetPlan& plan);

}  // namespace stargate
