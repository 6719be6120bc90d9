// The scenario's plan search and its best plan per GPU count (see gpu_count_front.h).
#include "stargate/search/gpu_count_front.h"

#include <algorithm>

#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/search/training_space.h"

namespace stargate {

SearchResult search_job_plans(const ModelSpec& model, const Cluster& cluster, const TrainingJob& job,
                              const SearchOptions& options) {
  TrainingSpace space = default_training_space(model, cluster, job.seq_len);
  take_unsearched_fields(space, job.plan);  // the software's recipe and overlap settings, not search dimensions
  const std::vector<ParallelPlan> candidates =
      enumerate_plans(space, model, cluster.gpus, job.global_batch_sequences, job.seq_len);
  ExhaustiveStrategy strategy(candidates.size());
  const SearchProblem problem{model, cluster, job.seq_len, job.global_batch_sequences, candidates};
  SearchOptions with_job_software = options;
  with_job_software.flash_attention = job.flash_attention;
  with_job_software.moe_grouped_gemm = job.moe_grouped_gemm;
  return search_training_plans(problem, strategy, with_job_software);
}

std::vector<int> front_gpu_counts(const Cluster& cluster) {
  const int node = std::max(1, cluster.node.gpus_per_node);
  std::vector<int> counts = {cluster.gpus, cluster.gpus * 2};
  for (int gpus = cluster.gpus, halvings = 0; halvings < 4 && gpus % 2 == 0 && gpus / 2 >= node &&
                                              (gpus / 2) % node == 0;
       ++halvings) {
    gpus /= 2;
    counts.push_back(gpus);
  }
  std::sort(counts.begin(), counts.end());
  return counts;
}

std::vector<GpuCountBest> best_plan_by_gpu_count(const ModelSpec& model, const Cluster& cluster, const TrainingJob& job,
                                                 const SearchOptions& options, const std::vector<int>& gpu_counts) {
  SearchOptions one = options;
  one.top_k = 1;
  one.progress = nullptr;
  std::vector<GpuCountBest> front;
  for (const int gpus : gpu_counts) {
    Cluster resized = cluster;
    resized.gpus = gpus;
    const SearchResult result = search_job_plans(model, resized, job, one);
    GpuCountBest point{.gpus = gpus, .found = !result.best.empty(), .best = {}, .usd_per_step = 0};
    if (point.found) {
      point.best = result.best.front();
      const GpuHourCost price = gpu_hour_cost(resized, default_cost_assumptions());
      point.usd_per_step = usd_for_gpu_seconds(price, point.best.score.step_seconds * gpus);
    }
    front.push_back(point);
  }
  return front;
}

}  // namespace stargate
