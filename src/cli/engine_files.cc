#include "engine_files.h"

#include <filesystem>
#include <system_error>

#include "output_file.h"
#include "stargate/core/edit_distance.h"

namespace stargate::cli {
namespace {

Error emit_error(const std::string& message, const std::string& path = "") {
  return Error{ErrorKind::invalid_input, message, "--emit", {path, 0, 0}};
}

std::string engine_list() {
  std::string s;
  const std::vector<std::string> names = serving_engine_names();
  for (size_t i = 0; i < names.size(); ++i) s += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return s;
}

}  // namespace

Result<EmitRequest> parse_emit_request(const std::vector<std::string>& words) {
  if (words.size() != 2) return emit_error("--emit takes two values: ENGINE (" + engine_list() + ") and DIR");
  const std::optional<ServingEngine> engine = serving_engine_named(words[0]);
  if (!engine) {
    std::string message = "unknown engine '" + words[0] + "'";
    const std::vector<std::string> close = suggest_names(words[0], serving_engine_names());
    if (!close.empty()) message += "; did you mean " + quoted_alternatives(close) + "?";
    return emit_error(message + " (engines: " + engine_list() + ")");
  }
  if (words[1].empty()) return emit_error("--emit needs a directory to write the launch files into");
  std::error_code ec;
  if (std::filesystem::exists(words[1], ec) && !std::filesystem::is_directory(words[1], ec)) {
    return emit_error("cannot write launch files here: not a directory", words[1]);
  }
  return EmitRequest{.engine = *engine, .directory = words[1]};
}

Result<std::vector<std::string>> write_engine_files(const std::string& directory,
                                                    const std::vector<EngineLaunchFile>& files) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec || !std::filesystem::is_directory(directory)) {
    const std::string why = ec ? ec.message() : std::string("not a directory");
    return emit_error("cannot create the directory: " + why, directory);
  }
  std::vector<std::string> written;
  for (const EngineLaunchFile& f : files) {
    const std::string path = (std::filesystem::path(directory) / f.name).string();
    Status status = write_file_atomically(path, f.contents, f.executable);
    if (!status.ok()) {
      for (const std::string& done : written) std::filesystem::remove(done, ec);
      return status.error();
    }
    written.push_back(path);
  }
  return written;
}

}  // namespace stargate::cli
