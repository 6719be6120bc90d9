#include "python_errors.h"

#include "python_text.h"

namespace stargate::python {
namespace py = pybind11;

void register_errors(py::module_& module) {
  // Kept alive for the interpreter's lifetime by the module attributes.
  static PyObject* scenario_error = PyErr_NewException("stargate._stargate.ScenarioError", PyExc_ValueError, nullptr);
  static PyObject* internal_error = PyErr_NewException("stargate._stargate.InternalError", PyExc_RuntimeError, nullptr);
  module.attr("ScenarioError") = py::handle(scenario_error);
  module.attr("InternalError") = py::handle(internal_error);
  py::register_exception_translator([](std::exception_ptr raised) {
    try {
      if (raised) std::rethrow_exception(raised);
    } catch (const LibraryError& e) {
      const Error& error = e.error;
      PyObject* type = error.kind == ErrorKind::internal ? internal_error : scenario_error;
      py::object exception = py::handle(type)(python_text(error.to_string()));
      exception.attr("file") = python_text(error.location.file);
      exception.attr("line") = error.location.line;
      exception.attr("column") = error.location.column;
      exception.attr("field") = python_text(error.field);
      exception.attr("reason") = python_text(error.message);
      PyErr_SetObject(type, exception.ptr());
    }
  });
}

}  // namespace stargate::python
