#pragma once
// The fleet section of docs/validation.md: published training runs' GPU-hours reproduced from first principles.
#include <string>

namespace stargate::cli {

std::string ground_truth_markdown();

}  // namespace stargate::cli
