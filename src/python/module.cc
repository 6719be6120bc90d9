// The extension module stargate._stargate: the library's jobs (jobs/) for the Python package (docs/python.md).
#include "bindings.h"
#include "python_errors.h"

PYBIND11_MODULE(_stargate, module) {
  module.doc() = "Stargate's library layers for the Python package `stargate` (docs/python.md)";
  stargate::python::register_errors(module);
  stargate::python::bind_scenario(module);
  stargate::python::bind_training(module);
  stargate::python::bind_serving(module);
  stargate::python::bind_fleet_and_validation(module);
}
