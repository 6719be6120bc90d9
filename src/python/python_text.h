#pragma once
// Library text as a Python str: invalid UTF-8 (a scenario's bytes are the user's) becomes U+FFFD instead of
// raising UnicodeDecodeError, as the command line's JSON output does.
#include <pybind11/pybind11.h>

#include <string>

namespace stargate::python {

inline pybind11::str python_text(const std::string& text) {
  return pybind11::reinterpret_steal<pybind11::str>(
      PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace"));
}

}  // namespace stargate::python
