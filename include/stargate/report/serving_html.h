#pragma once
// `stargate report` on a serving scenario: one self-contained HTML page with the simulation's headline figures
// (throughput, goodput, SLO attainment, TTFT/TPOT/E2E percentiles, cost; those of `stargate serve --json`), the
// TTFT, TPOT and end-to-end latency distributions (CDFs from the simulator's quantile sketches), the queue over
// time, and the Pareto front of output tokens/s per GPU vs tokens/s per user of the deployments that meet the
// SLOs (search/deployment_front.h), aggregated and disaggregated side by side (docs/report.md).
#include <optional>
#include <string>

#include "stargate/scenario/scenario.h"
#include "stargate/search/deployment_front.h"
#include "stargate/serving/simulator.h"

namespace stargate {

// Contract: scenario.serving is set; `result` is its simulation (with LatencyStats::quantiles for the CDFs).
// Without `front`, the page says why (`why_no_front`) instead of drawing it.
std::string serving_html_report(const Scenario& scenario, const ServingResult& result,
                                const std::optional<DeploymentFront>& front, const std::string& why_no_front = "");

}  // namespace stargate
