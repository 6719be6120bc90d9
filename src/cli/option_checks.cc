#include "option_checks.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "stargate/catalog/catalog.h"
#include "stargate/core/edit_distance.h"

namespace stargate::cli {
namespace {

std::string number_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

}  // namespace

CLI::Validator whole_number_in(int64_t min, int64_t max) {
  const std::string range = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        int64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
          return "expected " + range + ", got '" + text + "'";
        }
        return {};
      },
      range);
}

CLI::Validator finite_number_in(double min, double max, bool min_exclusive) {
  const std::string range = "a number " + std::string(min_exclusive ? "greater than " : "from ") +
                            number_text(min) + (min_exclusive ? " up to " : " to ") + number_text(max);
  return CLI::Validator(
      [min, max, min_exclusive, range](std::string& text) -> std::string {
        double value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        const bool above_min = min_exclusive ? value > min : value >= min;
        if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || !above_min ||
            value > max) {
          return "expected " + range + ", got '" + text + "'";
        }
        return {};
      },
      range);
}

CLI::Option* add_accelerators_option(CLI::App& command, std::vector<std::string>& ids, const std::string& help,
                                     const std::string& name) {
  return command.add_option(name, ids, help + "; space- or comma-separated catalog ids")->delimiter(',');
}

Status check_accelerator_ids(const std::vector<std::string>& ids, const std::string& option) {
  std::vector<std::string> known;
  for (const AcceleratorSpec& spec : Catalog::builtin().accelerators()) known.push_back(spec.id);
  for (const std::string& id : ids) {
    if (Catalog::builtin().find_accelerator(id) != nullptr) continue;
    const std::vector<std::string> near = suggest_names(id, known);
    const std::string hint = near.empty() ? "" : "did you mean " + quoted_alternatives(near) + "? ";
    return Error{ErrorKind::invalid_input,
                 "no accelerator preset named '" + id + "'; " + hint + "`stargate catalog list` shows them all",
                 option, {}};
  }
  return Status::success();
}

}  // namespace stargate::cli
