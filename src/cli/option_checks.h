#pragma once
// Validators for numeric command-line options: a value is parsed strictly (the whole word, finite) and checked
// against its range before CLI11 converts it, so "-5" never wraps into a huge unsigned count, "nan" never means
// "no constraint" and 0 is refused where it means nothing. A failure is a usage error (exit 2) naming the option.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "stargate/core/result.h"

namespace stargate::cli {

// A whole number in [min, max].
CLI::Validator whole_number_in(int64_t min, int64_t max);
// A finite number in [min, max]; `min_exclusive` makes the lower bound strict ("greater than 0").
CLI::Validator finite_number_in(double min, double max, bool min_exclusive = false);

// Adds `--accelerators` (or another option name): catalog ids, space-separated (`h100-sxm h200`) or
// comma-separated (`h100-sxm,h200`).
CLI::Option* add_accelerators_option(CLI::App& command, std::vector<std::string>& ids, const std::string& help,
                                     const std::string& name = "--accelerators");

// Every id names a catalog accelerator; else an error on `option` naming the unknown id with suggestions
// (suggest_names: prefix and family first, then the closest spelling).
Status check_accelerator_ids(const std::vector<std::string>& ids, const std::string& option = "--accelerators");

}  // namespace stargate::cli
