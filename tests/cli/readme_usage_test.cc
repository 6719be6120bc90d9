// Every command line of the README's Usage block runs as written: exit 0 and non-empty output. Each runs in a fresh
// temporary directory holding links to the source's data/ and the built binary's directory (as build/), so the
// README's relative paths resolve as in the source directory while the files a command writes land in the
// temporary directory. mpirun lines are skipped, saying so, only when mpirun is not installed; Python lines
// (PYTHONPATH=build/python ...) only when this build has no Python package (sanitizer builds: STARGATE_PYTHON off).
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <ostream>
#include <vector>

#include "cli/run_stargate.h"

namespace {

namespace fs = std::filesystem;

struct UsageLine {
  std::string name;     // readable test name: the words of the command
  std::string command;  // as written in the README, its trailing comment dropped
};
void PrintTo(const UsageLine& line, std::ostream* os) { *os << line.command; }

std::string test_name(const std::string& command, size_t index) {
  std::string name = std::to_string(index) + "_";
  // Python lines are named from their first call (`stargate.search(...`), the others from the subcommand.
  const bool python = command.rfind("PYTHONPATH=", 0) == 0;
  const size_t start = python ? command.find("stargate.") : command.find("stargate");
  for (char c : command.substr(start + 8, 48)) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

// The command lines of the fenced block under "## Usage": every line that is not blank or a comment.
std::vector<UsageLine> readme_usage_lines() {
  std::ifstream in(std::string(STARGATE_SOURCE_DIR) + "/README.md");
  std::vector<UsageLine> lines;
  std::string line;
  bool in_usage = false, in_block = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) in_usage = line == "## Usage";
    if (!in_usage) continue;
    if (line.rfind("```", 0) == 0) {
      in_block = !in_block;
      continue;
    }
    if (!in_block) continue;
    if (const size_t comment = line.find("  #"); comment != std::string::npos) line.resize(comment);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    lines.push_back({test_name(line, lines.size()), line});
  }
  return lines;
}

using stargate::testing_cli::CommandResult;

CommandResult run_in(const fs::path& dir, const std::string& command) {
  return stargate::testing_cli::run_shell("cd '" + dir.string() + "' && " + command);
}

bool mpirun_installed() { return std::system("command -v mpirun >/dev/null 2>&1") == 0; }

constexpr const char* kPythonPrefix = "PYTHONPATH=build/python ";

bool python_package_built() {
  return fs::exists(fs::path(STARGATE_BINARY).parent_path() / "python" / "stargate" / "__init__.py");
}

class ReadmeUsageCommandRuns : public testing::TestWithParam<UsageLine> {};

TEST(ReadmeUsage, BlockHasTheDocumentedCommands) {
  const std::vector<UsageLine> lines = readme_usage_lines();
  EXPECT_GE(lines.size(), 15u);
  for (const UsageLine& line : lines) {
    EXPECT_TRUE(line.command.rfind("build/stargate ", 0) == 0 || line.command.rfind("mpirun ", 0) == 0 ||
                line.command.rfind(kPythonPrefix, 0) == 0)
        << line.command;
  }
}

TEST_P(ReadmeUsageCommandRuns, ExitsZeroWithOutput) {
  const UsageLine& line = GetParam();
  if (line.command.rfind("mpirun ", 0) == 0 && !mpirun_installed()) {
    GTEST_SKIP() << "mpirun is not installed: not running '" << line.command << "'";
  }
  if (line.command.rfind(kPythonPrefix, 0) == 0 && !python_package_built()) {
    GTEST_SKIP() << "this build has no Python package (STARGATE_PYTHON is off): not running '" << line.command << "'";
  }
  // The process id keeps concurrent test runs (several checkouts, one /tmp) out of each other's directories.
  const fs::path dir = fs::path(testing::TempDir()) / ("readme_usage_" + line.name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::create_directory_symlink(fs::path(STARGATE_SOURCE_DIR) / "data", dir / "data");
  fs::create_directory_symlink(fs::path(STARGATE_SOURCE_DIR) / "tests", dir / "tests");
  fs::create_directory_symlink(fs::path(STARGATE_BINARY).parent_path(), dir / "build");
  // OpenMPI's own allocations are still live at exit: leak checking inside MPI ranks (sanitizer builds) reports
  // them, not ours (as in tests/search/training_search_test.cc).
  const bool mpi = line.command.rfind("mpirun", 0) == 0;
  const CommandResult r = run_in(dir, (mpi ? "ASAN_OPTIONS=detect_leaks=0 " : "") + line.command);
  EXPECT_EQ(r.exit_code, 0) << line.command << "\n" << r.out;
  EXPECT_FALSE(r.out.empty()) << line.command;
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Readme, ReadmeUsageCommandRuns, testing::ValuesIn(readme_usage_lines()),
                         [](const testing::TestParamInfo<UsageLine>& info) { return info.param.name; });

}  // namespace
