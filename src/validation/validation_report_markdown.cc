#include "stargate/validation/validation_report.h"

namespace stargate {
std::string validation_to_markdown(const std::vector<CaseResult>& results) { return validation_to_text(results); }
}  // namespace stargate
