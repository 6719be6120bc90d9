#pragma once
// A fleet scenario whose inputs may be distributions (docs/fleet.md "Uncertainty"): where a number is expected,
//   capex_per_mw: {p10: $9.3M, p50: $11.7M, p90: $15M}
//   capex_per_mw: {triangular: [$9.3M, $11.7M, $15M]}
//   capex_per_mw: {lognormal: {median: $11.7M, sigma: 0.2}}
// (core/distribution.h says how each is drawn). Values carry the field's units; a scalar stays a point value.
// A distribution written once under a YAML anchor (&name) and reused by aliases (*name) is ONE input: every field
// using it takes the same draw (fully correlated); distributions written separately are independent.
// The point plan (`stargate plan` without --monte-carlo) uses each distribution's central value (p50, the mode,
// the median). Only the fields listed by uncertain_field_names() may be distributions: those the quarterly
// simulation reads (training and serving workloads are not drawn).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "stargate/core/distribution.h"
#include "stargate/core/result.h"
#include "stargate/fleet/fleet_scenario.h"

namespace stargate {

struct UncertainInput {
  std::vector<std::string> fields;  // dotted paths below fleet: ("sites.abilene.capex_per_mw"), first use first
  SourceLocation location;          // where the distribution is written
  std::string description;          // the distribution in the field's units, e.g. "p10 $9.3M / p50 $11.7M / p90 $15M"
  Distribution distribution;        // in SI units of the scenario's fields (as written: $ per MW, W, s, ...)
  double min = 0, max = 0;          // the field's allowed range; draws beyond it are clamped to it
  // Sets every field of `fields` in a scenario read from the same file to `value` (units of `distribution`).
  std::function<void(FleetScenario&, double)> apply;

  double draw(double u) const;  // quantile(u) clamped to [min, max]
};

struct UncertainFleetScenario {
  FleetScenario point;                // every distribution at its central value
  std::vector<UncertainInput> inputs; // in file order
};

// Errors (exit 2) name file:line and the field: p10 > p50, a negative sigma, an unknown distribution key, a bound
// outside the field's range, or a distribution on a field that cannot be uncertain.
Result<UncertainFleetScenario> parse_uncertain_fleet_scenario(std::string_view text, const std::string& file);

// The field patterns that may be distributions ("sites.*.capex_per_mw", ...), for docs and error messages.
std::vector<std::string> uncertain_field_names();

}  // namespace stargate
