#pragma once
// The parts of the extension module stargate._stargate (module.cc assembles them). Every function returns data
// the pure-Python package (python/stargate/) turns into dicts and pandas DataFrames; results that the command
// line prints with --json come back as the same JSON text (report/), so both carry the same fields.
#include <pybind11/pybind11.h>

namespace stargate::python {

// class Scenario; load_scenario_file(path); parse_scenario(text, file).
void bind_scenario(pybind11::module_& module);
// estimate_training_json, search_training_json (training scenarios).
void bind_training(pybind11::module_& module);
// serve_json, serve_capacity_json, search_deployments_json (serving scenarios).
void bind_serving(pybind11::module_& module);
// fleet_plan_json, fleet_plan_file_json, builtin_fleet_scenario_text, validate_json.
void bind_fleet_and_validation(pybind11::module_& module);

}  // namespace stargate::python
