#include <pybind11/stl.h>

#include "bindings.h"
#include "python_errors.h"
#include "stargate/fleet/fleet_scenario.h"
#include "stargate/jobs/fleet_job.h"
#include "stargate/jobs/validate_job.h"
#include "stargate/report/fleet_report.h"
#include "stargate/report/validation_report.h"

namespace stargate::python {
namespace py = pybind11;
namespace {

// What `stargate plan --json [--vary ...]` prints for a fleet scenario given as text (`file` names it in errors).
std::string fleet_plan_json(const std::string& text, const std::string& file, const std::vector<std::string>& varies) {
  return fleet_to_json(value_or_raise(run_fleet_job(text, file, varies)));
}

// The same for a file; an empty path is the built-in Stargate scenario.
std::string fleet_plan_file_json(const std::string& path, const std::vector<std::string>& varies) {
  return fleet_to_json(value_or_raise(run_fleet_file_job(path, varies)));
}

// What `stargate validate --json [FILE...]` prints (no files: the built-in validation data).
std::string validate_json(const std::vector<std::string>& paths) {
  return validation_to_json(value_or_raise(paths.empty() ? validate_builtin_files() : validate_files(paths)));
}

}  // namespace

void bind_fleet_and_validation(py::module_& m) {
  const auto release = py::call_guard<py::gil_scoped_release>();
  m.def("fleet_plan_json", &fleet_plan_json, py::arg("text"), py::arg("file"), py::arg("varies"), release);
  m.def("fleet_plan_file_json", &fleet_plan_file_json, py::arg("path"), py::arg("varies"), release);
  m.def("builtin_fleet_scenario_text", [] { return std::string(default_fleet_scenario_text()); });
  m.def("validate_json", &validate_json, py::arg("paths"), release);
}

}  // namespace stargate::python
