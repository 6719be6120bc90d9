// stargate: the command-line tool. Exit codes: 0 success, 2 bad input, 1 internal error.
#include <CLI/CLI.hpp>
#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "catalog_command.h"
#include "exit_codes.h"
#include "net_command.h"
#include "plan_command.h"
#include "report_command.h"
#include "search_command.h"
#include "serve_command.h"
#include "stargate/core/version.h"
#include "train_command.h"
#include "unknown_command.h"
#include "validate_command.h"

namespace stargate::cli {

int report_error(const Error& error) {
  std::cerr << "stargate: " << (error.kind == ErrorKind::internal ? "internal error: " : "") << error.to_string()
            << "\n";
  return error.kind == ErrorKind::internal ? kExitInternal : kExitBadInput;
}

namespace {

// Output that could not be written is a failure, never a silent exit 0: a closed standard output is refused
// before anything runs (a file opened later would otherwise take its descriptor), and a failed write or flush
// (disk full, broken pipe) is reported after the command.
bool stdout_is_open() { return fcntl(1, F_GETFD) != -1 || errno != EBADF; }

int check_stdout_written(int exit_code) {
  errno = 0;
  std::cout.flush();
  if (std::cout.good()) return exit_code;
  const int error = errno;
  std::cerr << "stargate: cannot write the output to standard output"
            << (error != 0 ? std::string(": ") + std::strerror(error) : std::string()) << "\n";
  return exit_code == kExitOk ? kExitInternal : exit_code;
}

}  // namespace

}  // namespace stargate::cli

int main(int argc, char** argv) {
  using namespace stargate::cli;
  if (!stdout_is_open()) {
    std::cerr << "stargate: cannot write the output: standard output is closed\n";
    return kExitInternal;
  }
  CLI::App app{"Stargate: a digital twin of AI infrastructure (training, serving, fleets)", "stargate"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "stargate " + std::string(stargate::kStargateVersion));
  int exit_code = kExitOk;
  add_catalog_command(app, exit_code);
  add_net_command(app, exit_code);
  add_plan_command(app, exit_code);
  add_report_command(app, exit_code);
  add_train_command(app, exit_code);
  add_search_command(app, exit_code);
  add_serve_command(app, exit_code);
  add_validate_command(app, exit_code);
  if (auto unknown = unknown_command_message(app, argc, argv)) {
    std::cerr << "stargate: " << *unknown << "\n";
    return kExitBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return check_stdout_written(code == 0 ? kExitOk : kExitBadInput);
  } catch (const std::exception& e) {
    return report_error(stargate::Error{stargate::ErrorKind::internal, e.what(), "", {}});
  }
  return check_stdout_written(exit_code);
}
