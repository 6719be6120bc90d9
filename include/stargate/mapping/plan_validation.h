#pragma once
// Cheap validity checks of a parallel plan, run before any timing (Timeloop-style pre-checks).
#include <optional>
#include <string>

#include "stargate/catalog/accelerator.h"
#include "stargate/mapping/parallel_plan.h"
#include "stargate/workload/model.h"

namespace stargate {

struct PlanProblem {
  std::string field;    // plan field at fault, e.g. "tp" (relative to the plan)
  std::string message;  // "3 does not divide 64 attention heads"
  // The problem is a relation between the plan field and the global batch (micro-batch counts): the batch may be
  // the value that is wrong, so a reader names both.
  bool relates_global_batch = false;
};

struct PlanContext {
  int cluster_gpus = 0;
  int seq_len = 0;
  double global_batch_sequences = 0;
};

// The first problem found, or nullopt when the plan is valid for this model, device and batch.
std::optional<PlanProblem> check_plan(const ModelSpec& model, const AcceleratorSpec& device, const ParallelPlan& plan,
                                      const PlanContext& context);

}  // namespace stargate
