#pragma once
// The two `stargate plan` modes that read more than one file: `--compare A B` (two scenarios side by side) and
// `--hindcast FILE` (the scenario against dated public milestones). Both print text, or JSON with --json, and
// write CSV with --csv FILE; input errors exit 2 with file:line:field.
#include <string>

#include "plan_command.h"

namespace stargate::cli {

struct PlanOutputOptions {
  bool json = false;
  std::string csv;  // empty: no CSV file
};

int run_plan_compare(const std::string& scenario_a, const std::string& scenario_b, const PlanOutputOptions& output);
int run_plan_hindcast(const PlanInputs& inputs, const std::string& milestones_file, const PlanOutputOptions& output);

}  // namespace stargate::cli
