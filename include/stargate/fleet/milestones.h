#pragma once
// Dated public milestones of a fleet program (data/fleet/milestones-2025.yaml, format in docs/fleet.md) and the
// hindcast (`stargate plan --hindcast FILE`): the twin's value at each milestone's date against the record, as a
// quantity error and as a time error (how many quarters early or late the twin first reaches the recorded value).
// Nothing is fitted: the scenario is simulated as written and only then compared.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stargate/core/result.h"
#include "stargate/fleet/fleet_plan.h"

namespace stargate {

// What a milestone measures, and the twin quantity it is compared with (end-of-quarter state of the quarter that
// holds the milestone's date):
enum class MilestoneMetric {
  facility_power,       // W: energized IT power × site PUE (a site, or all sites)
  it_power,             // W: energized critical IT power (a site, or all sites)
  gpus_installed,       // count: installed GPUs (a site, or the fleet)
  budget_committed,     // USD: cumulative budget released (fleet only)
  capex_spent,          // USD: cumulative capex spent (fleet only)
  it_capex,             // USD: cumulative IT (GPU system) capex (a site, or the fleet)
  generation_it_power,  // W: installed GPUs of `generation` × their IT power (fleet)
};
std::string_view milestone_metric_name(MilestoneMetric metric);

struct Milestone {
  std::string id;
  std::string date;      // YYYY-MM-DD
  Quarter quarter = 0;   // the quarter holding `date`
  MilestoneMetric metric = MilestoneMetric::facility_power;
  std::string site;        // empty: the whole fleet
  std::string generation;  // generation_it_power only
  double value = 0;        // in the metric's SI unit (W, GPUs, USD); positive
  bool planned = false;    // true: a stated plan or target; false: reported as achieved
  std::string source;      // URL (or publication) of the record
  std::string source_date; // YYYY-MM-DD
  std::string note;
  std::string estimate;    // non-empty: the value is an estimate, and this is its reasoning
};

// Strict reader: unknown keys, missing units, bad dates and impossible values are errors naming file:line:field.
Result<std::vector<Milestone>> parse_milestones(std::string_view text, const std::string& file);
Result<std::vector<Milestone>> load_milestones_file(const std::string& path);

struct HindcastRow {
  Milestone milestone;
  bool compared = false;       // false: `why_not` says why (site not in scenario, date after the horizon, ...)
  std::string why_not;
  double twin_value = 0;       // at the milestone's quarter, same unit as milestone.value
  double quantity_error = 0;   // twin / record − 1
  bool reached = false;        // the twin reaches the recorded value (to within 0.5%) within the horizon
  int quarters_late = 0;       // first quarter reaching it − milestone quarter (negative: early); when reached
};

struct Hindcast {
  std::string scenario;
  Quarter first = 0, last = 0;  // the simulated horizon
  std::vector<HindcastRow> rows;
  int compared = 0;
  int reached = 0;
  double median_abs_quantity_error = 0;  // over compared rows
  double median_abs_quarters = 0;        // over compared rows that the twin reaches
};

Hindcast run_hindcast(const FleetPlan& plan, const std::vector<Milestone>& milestones);

}  // namespace stargate
