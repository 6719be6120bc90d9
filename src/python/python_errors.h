#pragma once
// Library errors as Python exceptions: ErrorKind::invalid_input raises stargate.ScenarioError (a ValueError),
// ErrorKind::internal raises stargate.InternalError (a RuntimeError). Both carry the message as the command
// line prints it ("file:line:column: field: message") and the attributes file, line, column, field and reason.
#include <pybind11/pybind11.h>

#include <utility>

#include "stargate/core/result.h"

namespace stargate::python {

// Thrown on the C++ side; the translator registered by register_errors() turns it into the Python exception.
struct LibraryError {
  Error error;
};

// Defines ScenarioError and InternalError in `module` and registers the translator.
void register_errors(pybind11::module_& module);

template <typename T>
T value_or_raise(Result<T> result) {
  if (!result.ok()) throw LibraryError{result.error()};
  return std::move(result).value();
}

}  // namespace stargate::python
