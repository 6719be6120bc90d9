#include "unknown_command.h"

#include <vector>

#include "stargate/core/edit_distance.h"

namespace stargate::cli {

std::optional<std::string> unknown_command_message(const CLI::App& app, int argc, const char* const* argv) {
  if (argc < 2) return std::nullopt;
  const std::string word = argv[1];
  if (word.empty() || word.front() == '-') return std::nullopt;
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->check_name(word)) return std::nullopt;
    commands.push_back(sub->get_name());
  }
  const std::vector<std::string> near = suggest_names(word, commands);
  std::string message = "unknown command '" + word + "'; ";
  if (!near.empty()) message += "did you mean " + quoted_alternatives(near) + "? ";
  message += "commands:";
  for (size_t i = 0; i < commands.size(); ++i) message += (i == 0 ? " " : ", ") + commands[i];
  return message + " (stargate --help)";
}

}  // namespace stargate::cli
