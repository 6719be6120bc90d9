#pragma once
// Data files compiled into the binary (data/catalog, data/models, data/calibration, data/scenarios,
// data/validation), so the tool runs from any directory.
#include <optional>
#include <string_view>
#include <vector>

namespace stargate {

struct EmbeddedFile {
  std::string_view path;      // relative to the project's data/ folder, e.g. "catalog/accelerators.yaml"
  std::string_view contents;  // the file's bytes
};

// Contract: returns the file stored at `path` (relative to data/), or nullopt.
std::optional<std::string_view> embedded_file(std::string_view path);

// Contract: every embedded file whose path starts with `prefix`, sorted by path.
std::vector<EmbeddedFile> embedded_files_under(std::string_view prefix);

}  // namespace stargate
