// `stargate plan --compare A B` and `stargate plan --hindcast FILE` (plan_compare_hindcast.h).
#include "plan_compare_hindcast.h"

#include <iostream>

#include "exit_codes.h"
#include "output_figures.h"
#include "output_file.h"
#include "stargate/fleet/fleet_compare.h"
#include "stargate/fleet/milestones.h"
#include "stargate/report/fleet_compare_report.h"
#include "stargate/report/hindcast_report.h"

namespace stargate::cli {
namespace {

// Writes the CSV (when asked) and prints JSON or text; the JSON's figures are checked first (no NaN, no inf).
int emit(const std::string& json, const std::string& text, const std::string& csv, const PlanOutputOptions& output) {
  if (Status figures = check_output_figures(json); !figures.ok()) return report_error(figures.error());
  if (!output.csv.empty()) {
    Status written = write_file_atomically(output.csv, csv);
    if (!written.ok()) return report_error(written.error());
  }
  std::cout << (output.json ? json : text);
  return kExitOk;
}

}  // namespace

int run_plan_compare(const std::string& scenario_a, const std::string& scenario_b, const PlanOutputOptions& output) {
  Result<FleetPlan> a = load_fleet_plan({.scenario = scenario_a});
  if (!a.ok()) return report_error(a.error());
  Result<FleetPlan> b = load_fleet_plan({.scenario = scenario_b});
  if (!b.ok()) return report_error(b.error());
  const FleetComparison comparison = compare_fleet_plans(a.value(), b.value());
  return emit(fleet_comparison_to_json(comparison), fleet_comparison_to_text(comparison),
              fleet_comparison_to_csv(comparison), output);
}

int run_plan_hindcast(const PlanInputs& inputs, const std::string& milestones_file, const PlanOutputOptions& output) {
  Result<std::vector<Milestone>> milestones = load_milestones_file(milestones_file);
  if (!milestones.ok()) return report_error(milestones.error());
  Result<FleetPlan> plan = load_fleet_plan(inputs);
  if (!plan.ok()) return report_error(plan.error());
  const Hindcast hindcast = run_hindcast(plan.value(), milestones.value());
  return emit(hindcast_to_json(hindcast), hindcast_to_text(hindcast), hindcast_to_csv(hindcast), output);
}

}  // namespace stargate::cli
