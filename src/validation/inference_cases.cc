#include "stargate/validation/case_result.h"
namespace stargate {
CaseResults validate_inference_cases(const std::string&, const std::string&) { return std::vector<CaseResult>{}; }
}  // namespace stargate
