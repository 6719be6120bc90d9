#pragma once
// Errors for training plans that do not fit: a scenario's plan over its HBM (with the nearest plans that fit,
// from the plan search) and a search in which no plan passes (rejections by reason, the constraint to relax).
#include "stargate/core/result.h"
#include "stargate/scenario/scenario.h"
#include "stargate/search/training_search.h"
#include "stargate/sim/training_step.h"

namespace stargate {

// The plans of the scenario's search space (search/training_space.h) that fit, fastest first, at most `count`.
std::vector<RankedPlan> fastest_fitting_plans(const Scenario& scenario, size_t count);

// The error for a scenario plan whose memory per GPU exceeds the HBM: by how much, the estimate as context, and
// the fastest plans of the same scenario that fit. On `training.plan` in the scenario's file.
Error plan_does_not_fit_error(const Scenario& scenario, const TrainingEstimate& estimate);

// The error for a search whose every candidate was rejected: the counts by reason and the nearest constraint to
// relax (from `unconstrained`, the same search without --max-step-seconds/--min-mfu/--max-memory-gib, which is
// empty when nothing fits in HBM either).
Error nothing_passes_error(const Scenario& scenario, const SearchStats& stats, const SearchConstraints& constraints,
                           const std::vector<RankedPlan>& unconstrained);

}  // namespace stargate
