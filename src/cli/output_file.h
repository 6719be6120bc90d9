#pragma once
// Writing an output file atomically: the content goes to a temporary file that is renamed into place, so a
// failure never leaves a half-written file.
#include <string>

#include "stargate/core/result.h"

namespace stargate::cli {

Status write_file_atomically(const std::string& path, const std::string& contents);

}  // namespace stargate::cli
