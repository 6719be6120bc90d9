#pragma once
// Error values and Result<T>: how every fallible library call reports failure (no exceptions cross the public API).
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace stargate {

// Where in an input file something was found. Lines and columns are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

enum class ErrorKind {
  invalid_input,  // the user's input is wrong: exit code 2
  internal,       // a bug or an environment failure: exit code 1
};

struct Error {
  ErrorKind kind = ErrorKind::invalid_input;
  std::string message;
  std::string field;  // dotted path of the offending field, e.g. "training.plan.tp"; may be empty
  SourceLocation location;

  // "scenario.yaml:12:5: training.plan.tp: 3 does not divide 64 attention heads"
  std::string to_string() const;
};

// Either a T or an Error. Contract: value() may only be called when ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}       // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}   // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// A Result without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status success() { return Status(); }
  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace stargate
