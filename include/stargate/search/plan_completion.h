#pragma once
// Completes a partial training plan: the fields a scenario left `auto` (TrainingJob::open_fields) are searched
// over the default training space (training_space.h), every other field stays as written. The best completion
// is the fitting one with the shortest step; the range of step times over all fitting completions says how
// much the open fields matter.
#include "stargate/catalog/cluster.h"
#include "stargate/mapping/training_job.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/search/training_space.h"
#include "stargate/sim/training_step.h"
#include "stargate/workload/model.h"

namespace stargate {

struct PlanCompletion {
  bool found = false;        // false when no completion passes the checks and fits in HBM
  ParallelPlan plan;         // the best completion (the job's plan when nothing fits)
  PlanFieldSet open_fields;  // the fields that were completed
  double step_seconds_min = 0;
  double step_seconds_max = 0;
  long long completions = 0;  // fitting completions
  long long candidates = 0;   // completions tried (passing the arithmetic checks of enumerate_plans)
  bool seed_kept = false;     // the job's own (seed) values were kept (CompletionChoice::seed_when_fits)
};

// Which fitting completion is chosen: the fastest (what a user tuning the knobs would pick), or the job's own
// values when they fit (a published run whose framework recipe fixed the field, the written value being the
// best reading of it); the fastest otherwise.
enum class CompletionChoice { fastest, seed_when_fits };

// `wide` restricted to `fixed`'s value in every field not in `open`; an open field keeps `wide`'s values plus
// `fixed`'s value as a seed (a stated "likely N").
TrainingSpace restricted_training_space(const TrainingSpace& wide, const ParallelPlan& fixed, PlanFieldSet open);

// Searches the open fields of `job` (none open: the job's own plan, scored). `options` are the software
// options the step is timed with.
PlanCompletion complete_plan(const ModelSpec& model, const Cluster& cluster, const TrainingJob& job,
                             const KernelCostModel& kernels, const CollectiveModel& collectives,
                             const TrainingOptions& options = {},
                             CompletionChoice choice = CompletionChoice::fastest);

}  // namespace stargate
