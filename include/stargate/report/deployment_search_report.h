#pragma once
// Rendering of a serving deployment search (`stargate serve --search`): the ranked deployments and the
// rejection counts, as a table or JSON.
#include <string>

#include "stargate/search/deployment_search.h"

namespace stargate {

// `search_seconds`: wall time of the search, printed beside the counts.
std::string deployment_search_to_text(const DeploymentSearchResult& result, double search_seconds);
// Indented JSON ending in a newline.
std::string deployment_search_to_json(const DeploymentSearchResult& result, double search_seconds);

}  // namespace stargate
