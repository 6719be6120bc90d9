#pragma once
// Writing an output file atomically: the content goes to a temporary file that is renamed into place, so a
// failure never leaves a half-written file.
#include <string>

#include "stargate/core/result.h"

namespace stargate::cli {

// `executable`: the file gets execute permission too (a launch script), as far as the umask allows.
Status write_file_atomically(const std::string& path, const std::string& contents, bool executable = false);

}  // namespace stargate::cli
