#pragma once
// `stargate report SCENARIO --search` on a training scenario: one self-contained HTML page with the plan search's
// top plans (table and step-time chart), the rank of the scenario's own plan, and the step-time and cost per
// step vs GPU-count front (the best plan at each count of search/gpu_count_front.h). The top plans are those of
// `stargate search --json` with the same objective (docs/report.md).
#include <string>
#include <vector>

#include "stargate/report/search_report.h"
#include "stargate/search/gpu_count_front.h"

namespace stargate {

// `objective`: the --objective name (step-time, mfu, cost, energy).
std::string search_html_report(const Scenario& scenario, const SearchResult& result, const ReferencePlan& reference,
                               const std::string& objective, const std::vector<GpuCountBest>& front);

}  // namespace stargate
