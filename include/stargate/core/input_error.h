#pragma once
// InputError: thrown inside parsers and loaders for bad user input, and turned into a Result at the public API
// boundary by capture_errors(). Library code never lets it escape a public function.
#include <stdexcept>
#include <string>
#include <utility>

#include "stargate/core/result.h"

namespace stargate {

class InputError : public std::runtime_error {
 public:
  explicit InputError(Error error) : std::runtime_error(error.to_string()), error_(std::move(error)) {}
  InputError(SourceLocation location, std::string field, std::string message)
      : InputError(Error{ErrorKind::invalid_input, std::move(message), std::move(field), std::move(location)}) {}
  const Error& error() const { return error_; }

 private:
  Error error_;
};

// Runs `body` and converts an InputError (or any other exception, as an internal error) into an Error.
template <typename Body>
auto capture_errors(Body&& body) -> Result<decltype(body())> {
  try {
    return body();
  } catch (const InputError& e) {
    return e.error();
  } catch (const std::exception& e) {
    return Error{ErrorKind::internal, e.what(), "", {}};
  }
}

}  // namespace stargate
