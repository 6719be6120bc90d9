#pragma once
// The training plan search of `stargate search` in one call, and its best plan at other GPU counts: the
// step-time and cost vs GPU-count front that `stargate report SCENARIO --search` draws (docs/report.md).
#include <vector>

#include "stargate/catalog/cluster.h"
#include "stargate/mapping/training_job.h"
#include "stargate/search/training_search.h"
#include "stargate/workload/model.h"

namespace stargate {

// What `stargate search` ranks in one process: default_training_space(model, cluster, job.seq_len) with the
// job's fp8 recipe, enumerated for cluster.gpus and the job's global batch, searched exhaustively.
SearchResult search_job_plans(const ModelSpec& model, const Cluster& cluster, const TrainingJob& job,
                              const SearchOptions& options);

struct GpuCountBest {
  int gpus = 0;
  bool found = false;  // some plan passed the checks and fit at this count
  RankedPlan best;     // meaningful when found
  double usd_per_step = 0;  // best.score.step_seconds × gpus × $/GPU-hour (default cost assumptions)
};

// The counts of the front, ascending, all whole nodes: the cluster's own, halved while at least one node is left
// (at most four times), and doubled once.
std::vector<int> front_gpu_counts(const Cluster& cluster);

// search_job_plans on the cluster resized to each count (same node and fabric), best plan only.
std::vector<GpuCountBest> best_plan_by_gpu_count(const ModelSpec& model, const Cluster& cluster, const TrainingJob& job,
                                                 const SearchOptions& options, const std::vector<int>& gpu_counts);

}  // namespace stargate
