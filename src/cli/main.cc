// stargate: the command-line tool. Exit codes: 0 success, 2 bad input, 1 internal error.
#include <CLI/CLI.hpp>
#include <iostream>

#include "catalog_command.h"
#include "exit_codes.h"
#include "net_command.h"
#include "plan_command.h"
#include "report_command.h"
#include "search_command.h"
#include "serve_command.h"
#include "train_command.h"
#include "validate_command.h"

namespace stargate::cli {

int report_error(const Error& error) {
  std::cerr << "stargate: " << (error.kind == ErrorKind::internal ? "internal error: " : "") << error.to_string()
            << "\n";
  return error.kind == ErrorKind::internal ? kExitInternal : kExitBadInput;
}

}  // namespace stargate::cli

int main(int argc, char** argv) {
  using namespace stargate::cli;
  CLI::App app{"Stargate: a digital twin of AI infrastructure (training, serving, fleets)", "stargate"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "stargate 0.1.0");
  int exit_code = kExitOk;
  add_catalog_command(app, exit_code);
  add_net_command(app, exit_code);
  add_plan_command(app, exit_code);
  add_report_command(app, exit_code);
  add_train_command(app, exit_code);
  add_search_command(app, exit_code);
  add_serve_command(app, exit_code);
  add_validate_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  } catch (const std::exception& e) {
    return report_error(stargate::Error{stargate::ErrorKind::internal, e.what(), "", {}});
  }
  return exit_code;
}
