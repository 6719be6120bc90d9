#pragma once
// Internal to report/: the Monte Carlo part of `stargate plan --monte-carlo N` (fleet_report.h) and of the HTML
// report (html_report.h): P10/P50/P90 per quarter and the inputs that drive the spread.
#include <nlohmann/json.hpp>
#include <string>

#include "stargate/fleet/monte_carlo.h"

namespace stargate::report_detail {

std::string monte_carlo_text(const MonteCarloSummary& summary);
nlohmann::json monte_carlo_json(const MonteCarloSummary& summary);
// A header line and one line per quarter: <metric>_p10,<metric>_p50,<metric>_p90 for each metric.
std::string monte_carlo_csv(const MonteCarloSummary& summary);
// Fan charts (P10-P90 band, P50 line) of GPUs, IT GW, spend, FLOP/s and $/M tokens, and the drivers table.
std::string monte_carlo_html(const MonteCarloSummary& summary);

}  // namespace stargate::report_detail
