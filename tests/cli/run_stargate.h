#pragma once
// Runs the built stargate binary as a user would, for the command-line tests.
#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace stargate::testing_cli {

struct CommandResult {
  int exit_code;
  std::string out;  // stdout and stderr
};

// Runs `shell_command` with sh; stdout and stderr together.
inline CommandResult run_shell(const std::string& shell_command) {
  FILE* pipe = popen((shell_command + " 2>&1").c_str(), "r");
  std::string out;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline CommandResult run_stargate(const std::string& args) {
  return run_shell(std::string(STARGATE_BINARY) + " " + args);
}

inline std::string scenario_path(const char* name) {
  return std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/" + name;
}

}  // namespace stargate::testing_cli
