#pragma once
// Rendering of a plan search: a terminal table and JSON (the winners with their step breakdowns, rejection
// counts by reason, and the rank of the scenario's own plan).
#include <nlohmann/json.hpp>
#include <string>

#include "stargate/scenario/scenario.h"
#include "stargate/search/training_search.h"

namespace stargate::cli {

struct ReferencePlan {
  PlanScore score;
  size_t rank = 0;  // 0 when it was not scored
};

std::string search_to_text(const Scenario& s, const SearchResult& r, const ReferencePlan& reference);
nlohmann::json search_to_json(const Scenario& s, const SearchResult& r, const ReferencePlan& reference,
                              const std::string& objective, PlanEvaluator& evaluator);
std::string plan_text(const ParallelPlan& p);

}  // namespace stargate::cli
