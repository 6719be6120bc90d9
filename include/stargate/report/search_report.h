#pragma once
// Rendering of a training plan search (`stargate search`): a terminal table and JSON (the winners with their
// step breakdowns, rejection counts by reason, and the rank of the scenario's own plan).
#include <string>
#include <vector>

#include "stargate/scenario/scenario.h"
#include "stargate/search/training_search.h"

namespace stargate {

// The scenario's own plan among the search results.
struct ReferencePlan {
  PlanScore score;
  size_t rank = 0;  // 0 when it was not scored
};

// The table ranks by `objective` (best first); for cost and energy it shows the objective with its unit as a column.
std::string search_to_text(const Scenario& s, const SearchResult& r, const ReferencePlan& reference,
                           const std::string& objective = "step-time");
// Indented JSON ending in a newline. `best_estimates[i]` is the full estimate of r.best[i].plan (its breakdown
// is printed beside the score); `objective` names the ranking objective as the user wrote it.
std::string search_to_json(const Scenario& s, const SearchResult& r, const ReferencePlan& reference,
                           const std::string& objective, const std::vector<TrainingEstimate>& best_estimates);

}  // namespace stargate
