#pragma once
// Internal to fleet/: the fleet fields that may be distributions, with the units they are read in, their allowed
// range and how a drawn value is written into a FleetScenario (the same conversion as fleet_scenario_reader.cc).
#include <string_view>
#include <vector>

#include "stargate/core/units.h"
#include "stargate/fleet/fleet_scenario.h"

namespace stargate {

struct FieldRange {
  double min = 0;
  double max = 0;
  bool positive = false;  // min excluded: the value must be > min (= 0); fitted in log space
};

struct UncertainFieldRule {
  std::vector<std::string_view> pattern;  // path below fleet:, "[]" = any list item
  bool plain_number = false;              // a number without unit (PUE, fractions); else a quantity
  Dimension dimension = Dimension::count;
  FieldRange range;
  // `items`: the list indices matched by the pattern's "[]", in order (generations: after sorting by availability).
  void (*apply)(FleetScenario& scenario, const std::vector<int>& items, double value) = nullptr;
};

const std::vector<UncertainFieldRule>& uncertain_field_rules();

}  // namespace stargate
