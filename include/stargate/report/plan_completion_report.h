#pragma once
// Rendering of a completed partial plan (`train` with `auto` plan fields): the chosen value of each open field
// and the range of step times over every fitting completion. The JSON form is training_to_json's "completion"
// member.
#include <string>

#include "stargate/search/plan_completion.h"

namespace stargate {

// "completion: micro_batch=2 zero=1 (best of 12 fitting completions; step 1.23 s … 1.71 s)\n"
std::string plan_completion_text(const PlanCompletion& completion);

}  // namespace stargate
