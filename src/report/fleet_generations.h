#pragma once
// Internal to report/: which accelerator generations a fleet plan actually installs, so every headline that
// counts generations counts what the tables and charts show (a generation offered but never bought is not one).
#include <string>
#include <vector>

#include "stargate/fleet/fleet_plan.h"

namespace stargate::report_detail {

// Names of the generations with GPUs installed in at least one quarter, in scenario order.
std::vector<std::string> installed_generation_names(const FleetPlan& plan);

// "4 generations offered, 3 installed (GB200, GB300, Vera Rubin)"; "1 generation offered, 1 installed (H100)".
std::string generations_headline(const FleetPlan& plan);

}  // namespace stargate::report_detail
