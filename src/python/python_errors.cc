#include "python_errors.h"

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
      py::object exception = py::reinterpret_steal<py::object>(PyObject_CallFunction(type, "s", error.to_string().c_str()));
      exception.attr("file") = error.location.file;
      exception.attr("line") = error.location.line;
      exception.attr("column") = error.location.column;
      exception.attr("field") = error.field;
      exception.attr("reason") = error.message;
      PyErr_SetObject(type, exception.ptr());
    }
  });
}

}  // namespace stargate::python
