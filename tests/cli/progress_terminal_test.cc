// Progress bars of long commands (serve, validate, plan --vary, search): drawn on stderr only when it is a
// terminal and the output is not --json; silent when piped.
#include <gtest/gtest.h>

#include <cstdlib>

#include "cli/run_stargate.h"

namespace {

using stargate::testing_cli::CommandResult;
using stargate::testing_cli::run_shell;
using stargate::testing_cli::scenario_path;

// Long enough (over a second) that a terminal would show the bar.
std::string long_serve(const std::string& extra) {
  return std::string(STARGATE_BINARY) + " serve " + scenario_path("serve-llama8b-h100.yaml") +
         " --requests 150000 " + extra;
}

bool has_bar(const std::string& output) { return output.find("requests/s  ETA") != std::string::npos; }

TEST(ProgressTerminal, SilentWhenStderrIsPiped) {
  CommandResult r = run_shell(long_serve(""));  // stdout and stderr into a pipe
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_FALSE(has_bar(r.out));
  EXPECT_EQ(r.out.find('\r'), std::string::npos);
}

// util-linux `script` runs the command on a pseudo-terminal: the bar appears there, and --json turns it off.
TEST(ProgressTerminal, DrawnOnATerminalButNotWithJson) {
  if (std::system("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "no `script` to make a terminal";
  CommandResult shown = run_shell("script -qec '" + long_serve("") + "' /dev/null");
  ASSERT_EQ(shown.exit_code, 0) << shown.out;
  EXPECT_TRUE(has_bar(shown.out)) << shown.out.substr(0, 400);
  CommandResult json = run_shell("script -qec '" + long_serve("--json") + "' /dev/null");
  ASSERT_EQ(json.exit_code, 0) << json.out;
  EXPECT_FALSE(has_bar(json.out));
}

}  // namespace
