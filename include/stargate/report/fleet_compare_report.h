#pragma once
// Outputs of `stargate plan --compare A B`: the input changes and a quarterly table of A, B and B − A.
#include <string>

#include "stargate/fleet/fleet_compare.h"

namespace stargate {

std::string fleet_comparison_to_text(const FleetComparison& comparison);
// Indented JSON ending in a newline; units in the field names.
std::string fleet_comparison_to_json(const FleetComparison& comparison);
// A header line and one line per quarter (empty cells outside a plan's horizon).
std::string fleet_comparison_to_csv(const FleetComparison& comparison);

}  // namespace stargate
