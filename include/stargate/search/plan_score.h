#pragma once
// A training plan's score: the generic verdict and objective (ask_tell.h) plus what the step-time model said,
// and the names of the reasons a training plan is rejected (CandidateScore::reject_reason indexes them).
#include "stargate/search/ask_tell.h"

namespace stargate {

// Why plans are rejected, for the search summary: the plan field check_plan() blames, a constraint, memory.
inline constexpr const char* kRejectReasons[] = {"tp",        "pp",    "dp",   "cp",  "ep", "vpp", "micro_batch", "zero",
                                                 "precision", "other", "violates a constraint", "does not fit in HBM"};
inline constexpr int kRejectReasonCount = 12;
inline constexpr int kRejectOther = 9;        // a check_plan() field not listed above
inline constexpr int kRejectConstraint = 10;
inline constexpr int kRejectMemory = 11;

struct PlanScore : CandidateScore {
  double step_seconds = 0;
  double mfu = 0;
  double memory_bytes = 0;  // per GPU
  // The host offload the plan was scored with (offload_variant(), plan_evaluator.h): 0 when it fits as it is; the
  // search fills RankedPlan::plan.offload from it.
  int offload_variant = 0;
};

}  // namespace stargate
