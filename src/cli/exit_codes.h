#pragma once
// Process exit codes of the stargate command.
#include "stargate/core/result.h"

namespace stargate::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInternal = 1;   // a bug or environment failure
inline constexpr int kExitBadInput = 2;   // the user's input is wrong

// Prints "stargate: <error>" to stderr and returns the matching exit code.
int report_error(const Error& error);

}  // namespace stargate::cli
