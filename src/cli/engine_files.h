#pragma once
// `serve --search --emit ENGINE DIR`: the engine name and output directory checked before the search runs, and
// the rendered launch files (report/engine_launch.h) written into the directory.
#include <string>
#include <vector>

#include "stargate/core/result.h"
#include "stargate/report/engine_launch.h"

namespace stargate::cli {

struct EmitRequest {
  ServingEngine engine = ServingEngine::vllm;
  std::string directory;
};

// `words` = {ENGINE, DIR} as given to --emit. An unknown engine is an error naming the engines and the closest
// one; a DIR that exists and is not a directory is an error too.
Result<EmitRequest> parse_emit_request(const std::vector<std::string>& words);

// Creates the directory if needed and writes every file atomically (a temporary file renamed into place; launch
// scripts executable). On a failure the files this call already wrote are removed, so the directory never holds
// a partial set from this run. Returns the paths written.
Result<std::vector<std::string>> write_engine_files(const std::string& directory,
                                                    const std::vector<EngineLaunchFile>& files);

}  // namespace stargate::cli
