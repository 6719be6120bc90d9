#include "stargate/search/training_search.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <span>

#include "stargate/net/cluster_collectives.h"

namespace stargate {
namespace {

constexpr size_t kBatch = 1 << 16;

bool better(const RankedPlan& a, const RankedPlan& b) {
  return ranks_before(a.score.objective, a.index, b.score.objective, b.index);
}

void keep_top(std::vector<RankedPlan>& plans, size_t k) {
  std::sort(plans.begin(), plans.end(), better);
  if (plans.size() > k) plans.resize(k);
}

// Adds one evaluated candidate to the counts and, when scored, to the ranking.
void count_and_keep(const SearchProblem& problem, size_t index, const PlanScore& score, const SearchOptions& options,
                    SearchResult& result) {
  SearchStats& stats = result.stats;
  ++stats.evaluated;
  if (score.reject_reason >= 0) ++stats.rejected_by_reason[score.reject_reason];
  if (score.verdict == PlanVerdict::scored && score.objective < options.reference_objective) {
    ++stats.better_than_reference;
  }
  switch (score.verdict) {
    case PlanVerdict::invalid: ++stats.invalid; break;
    case PlanVerdict::does_not_fit: ++stats.does_not_fit; break;
    case PlanVerdict::scored:
      ++stats.scored;
      if (score.offload_variant != 0) ++stats.scored_with_offload;
      result.best.push_back({problem.candidates[index], score, index});
      result.best.back().plan.offload = offload_variant(score.offload_variant);
      if (options.keep_all_scores) result.scored_objectives.push_back(score.objective);
      break;
  }
}

}  // namespace

SearchResult search_training_plans(const SearchProblem& problem, SearchStrategy& strategy, const SearchOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  std::optional<tbb::global_control> limit;
  if (options.threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, options.threads);

  const KernelCostModel kernels = KernelCostModel::for_device(problem.cluster.accelerator);
  const std::unique_ptr<CollectiveModel> net = make_cluster_collectives(problem.cluster);
  tbb::enumerable_thread_specific<PlanEvaluator> evaluators([&] {
    PlanEvaluator evaluator(problem.model, problem.cluster, problem.seq_len, problem.global_batch_sequences, kernels,
                            *net, options.objective);
    evaluator.set_constraints(options.constraints);
    evaluator.set_training_options(
        TrainingOptions{.flash_attention = options.flash_attention, .record_stage_times = false,
                        .eager_elementwise = false, .moe_grouped_gemm = options.moe_grouped_gemm});
    evaluator.set_offload_search(options.offload_when_short);
    return evaluator;
  });

  SearchResult result;
  result.stats.candidates = problem.candidates.size();
  auto evaluate = [&](std::span<const size_t> indices, std::span<PlanScore> scores) {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, indices.size(), 256), [&](const tbb::blocked_range<size_t>& r) {
      PlanEvaluator& evaluator = evaluators.local();
      for (size_t i = r.begin(); i != r.end(); ++i) scores[i] = evaluator.score(problem.candidates[indices[i]]);
    });
  };
  auto record = [&](std::span<const size_t> indices, std::span<const PlanScore> scores) {
    for (size_t i = 0; i < indices.size(); ++i) count_and_keep(problem, indices[i], scores[i], options, result);
    keep_top(result.best, options.top_k);
    if (options.progress) options.progress(result.stats.evaluated, problem.candidates.size());
  };
  drive_search<PlanScore>(strategy, kBatch, evaluate, record);
  result.stats.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

SearchResult merge_search_results(const std::vector<SearchResult>& parts, size_t top_k) {
  SearchResult merged;
  for (const SearchResult& p : parts) {
    merged.stats.candidates = std::max(merged.stats.candidates, p.stats.candidates);
    merged.stats.evaluated += p.stats.evaluated;
    merged.stats.invalid += p.stats.invalid;
    merged.stats.does_not_fit += p.stats.does_not_fit;
    merged.stats.scored += p.stats.scored;
    merged.stats.scored_with_offload += p.stats.scored_with_offload;
    merged.stats.better_than_reference += p.stats.better_than_reference;
    for (int r = 0; r < kRejectReasonCount; ++r) merged.stats.rejected_by_reason[r] += p.stats.rejected_by_reason[r];
    merged.stats.wall_seconds = std::max(merged.stats.wall_seconds, p.stats.wall_seconds);
    merged.best.insert(merged.best.end(), p.best.begin(), p.best.end());
    merged.scored_objectives.insert(merged.scored_objectives.end(), p.scored_objectives.begin(), p.scored_objectives.end());
  }
  keep_top(merged.best, top_k);
  return merged;
}

size_t rank_of(const SearchResult& result, double objective) {
  size_t better_plans = 0;
  for (double o : result.scored_objectives) better_plans += o < objective ? 1 : 0;
  return better_plans + 1;
}

}  // namespace stargate
