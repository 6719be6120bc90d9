#include <pybind11/stl.h>

#include "bindings.h"
#include "python_errors.h"
#include "python_text.h"
#include "stargate/scenario/scenario.h"

namespace stargate::python {
namespace py = pybind11;

void bind_scenario(py::module_& m) {
  py::class_<Scenario>(m, "Scenario", "A loaded scenario (cluster, model, training and/or serving sections)")
      .def_property_readonly("file", [](const Scenario& s) { return python_text(s.file); },
                             "Where it was loaded from (the name given for text or a dict)")
      .def_property_readonly("name", [](const Scenario& s) { return python_text(s.name); }, "Its optional title")
      .def_property_readonly("accelerator", [](const Scenario& s) { return s.cluster.accelerator.id; })
      .def_property_readonly("gpus", [](const Scenario& s) { return s.cluster.gpus; })
      .def_property_readonly("model", [](const Scenario& s) { return s.model.id; }, "The model's preset id")
      .def_property_readonly("has_training", [](const Scenario& s) { return s.training.has_value(); })
      .def_property_readonly("has_serving", [](const Scenario& s) { return s.serving.has_value(); })
      .def("__repr__", [](const Scenario& s) {
        return python_text("<stargate.Scenario " + s.file + ": " + s.model.id + " on " + std::to_string(s.cluster.gpus) + " " +
               s.cluster.accelerator.id + ">");
      });
  m.def("load_scenario_file", [](const std::string& path) { return value_or_raise(load_scenario_file(path)); },
        py::arg("path"), "Reads and checks a scenario YAML file");
  m.def("parse_scenario",
        [](const std::string& text, const std::string& file) { return value_or_raise(parse_scenario(text, file)); },
        py::arg("text"), py::arg("file"), "Checks scenario YAML (or JSON) text; `file` names it in errors");
}

}  // namespace stargate::python
