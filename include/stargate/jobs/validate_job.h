#pragma once
// `stargate validate` as data: every case of the validation files predicted and compared with its measurement.
#include <string>
#include <vector>

#include "stargate/core/progress.h"
#include "stargate/validation/case_result.h"

namespace stargate {

// One validation file of any kind, told from its content (and its name for the measured JSON files): training
// or inference cases (YAML) or measured training or inference steps (JSON). `path` names it in errors.
// `progress` hears (cases done, cases of the file) for each file in turn.
CaseResults validate_text(const std::string& text, const std::string& path, const ProgressCallback& progress = {});

// The built-in copies: validation/training.yaml, inference.yaml and measured-h100/*.json.
CaseResults validate_builtin_files(const ProgressCallback& progress = {});

// The files at `paths`, in order; a file without cases is an error.
CaseResults validate_files(const std::vector<std::string>& paths, const ProgressCallback& progress = {});

}  // namespace stargate
