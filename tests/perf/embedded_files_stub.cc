// Test-only stand-in for the build's embedded data files: reads the project's data/ folder from disk, at the path
// baked in with -DSTARGATE_DATA_DIR="...". Link the real implementation instead once the build generates it.
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>

#include "stargate/core/embedded_files.h"

#ifndef STARGATE_DATA_DIR
#error "compile with -DSTARGATE_DATA_DIR=\"/path/to/data\""
#endif

namespace stargate {
namespace {

// Every file under data/, keyed by its path relative to data/ ('/' separators), read once.
const std::map<std::string, std::string>& all_files() {
  static const std::map<std::string, std::string> files = [] {
    std::map<std::string, std::string> out;
    namespace fs = std::filesystem;
    const fs::path root(STARGATE_DATA_DIR);
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      out[fs::relative(it->path(), root).generic_string()] = text.str();
    }
    return out;
  }();
  return files;
}

}  // namespace

std::optional<std::string_view> embedded_file(std::string_view path) {
  const auto& files = all_files();
  auto it = files.find(std::string(path));
  if (it == files.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::vector<EmbeddedFile> embedded_files_under(std::string_view prefix) {
  std::vector<EmbeddedFile> out;
  for (const auto& [path, contents] : all_files())
    if (std::string_view(path).substr(0, prefix.size()) == prefix) out.push_back({path, contents});
  return out;
}

}  // namespace stargate
