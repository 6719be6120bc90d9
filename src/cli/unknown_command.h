#pragma once
// A first word that names no command ("stargate trian") is an unknown command with a suggestion, said before
// CLI11 parses (which would only say "A subcommand is required").
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace stargate::cli {

// "unknown command 'trian'; did you mean 'train'? commands: catalog, net, ..." when argv[1] is neither an
// option (starts with '-') nor one of `app`'s subcommands; nullopt otherwise.
std::optional<std::string> unknown_command_message(const CLI::App& app, int argc, const char* const* argv);

}  // namespace stargate::cli
