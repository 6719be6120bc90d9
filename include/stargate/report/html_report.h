#pragma once
// `stargate report`: ONE self-contained HTML file (inline CSS and SVG, no scripts, no external resources) with
// the fleet plan's charts: installed capacity, power, spend, binding limit, cost per token, and the sensitivity
// tornado when --vary was given. Every chart is an <svg class="chart" data-chart=ID data-points=N>; a chart
// without data shows <text class="chart-error"> (scripts/test-report-chromium.sh checks for both).
#include <string>

#include "stargate/fleet/fleet_plan.h"

namespace stargate {

std::string fleet_html_report(const FleetPlan& plan);

}  // namespace stargate
