#pragma once
// SearchResult of one MPI rank as a flat array of doubles and back (plans travel as candidate indices: every rank
// enumerates the same candidate list).
#include <vector>

#include "stargate/search/training_search.h"

namespace stargate::cli {

std::vector<double> pack_search_result(const SearchResult& result);
// Splits the concatenation of every rank's pack_search_result() into the per-rank results.
std::vector<SearchResult> unpack_search_results(const std::vector<double>& all,
                                                const std::vector<ParallelPlan>& candidates);

}  // namespace stargate::cli
