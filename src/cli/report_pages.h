#pragma once
// The pages of `stargate report` for cluster scenarios (report_command.h): each loads what the matching command
// computes, with the same functions, and renders it with report/.
#include <string>

#include "stargate/core/result.h"
#include "stargate/scenario/scenario.h"

namespace stargate::cli {

struct ReportOptions {
  bool search = false;                  // training scenarios: the plan search page instead of the estimate
  std::string objective = "step-time";  // with search: as `stargate search --objective`
  size_t top = 10;                      // with search: plans listed
  int probe_requests = 0;               // serving: requests per SLO probe of the front search (0: its default)
};

// The HTML page of a cluster scenario: training (estimate or search) when it has a training: section, otherwise
// serving (as `stargate search` picks); an error naming the file when it has neither.
Result<std::string> cluster_scenario_page(const std::string& path, const ReportOptions& options);

}  // namespace stargate::cli
