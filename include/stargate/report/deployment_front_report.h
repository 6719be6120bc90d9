#pragma once
// Rendering of the Pareto front of a serving deployment search (search/deployment_front.h: every deployment the
// search sized, output tokens/s per GPU vs per user, aggregated and disaggregated fronts apart): the text section
// `stargate serve --search` prints under its table, the CSV of `--csv FILE` and the SVG of `--svg FILE`. The JSON
// `pareto` section is part of deployment_search_to_json (deployment_search_report.h).
#include <string>

#include "stargate/search/deployment_search.h"

namespace stargate {

// Each kind's front, in order of tokens/s per user (tokens/s per GPU falling), one deployment per row with GPUs,
// tokens/s per GPU and per user, p99 TTFT/TPOT, SLO share, $/M output tokens and which run the figures come from.
std::string deployment_front_to_text(const DeploymentSearchResult& result);
// A header row, then one row per deployment sized (deployment_front_points order: cheapest first), with its
// figures, meets_slo and on_front (true/false). Numbers are the shortest text that reads back to the same double.
std::string deployment_front_to_csv(const DeploymentSearchResult& result);
// A standalone SVG document: the two fronts side by side (report/deployment_front_svg.h).
std::string deployment_front_to_svg(const DeploymentSearchResult& result);

}  // namespace stargate
