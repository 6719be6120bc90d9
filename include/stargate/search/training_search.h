#pragma once
// Plan search: scores candidates in parallel (oneTBB) on one machine; the same code scores one partition of the
// candidates per MPI rank, and merge_search_results() combines partitions into exactly the single-process answer.
#include <array>
#include <functional>
#include <vector>

#include "stargate/search/plan_evaluator.h"
#include "stargate/search/search_strategy.h"

namespace stargate {

struct RankedPlan {
  ParallelPlan plan;
  PlanScore score;
  size_t index = 0;  // candidate index: ties on the objective break toward the lower index
};

struct SearchStats {
  size_t candidates = 0;  // in the whole space
  size_t evaluated = 0;   // proposed and checked here
  size_t invalid = 0;
  size_t does_not_fit = 0;
  size_t scored = 0;
  size_t scored_with_offload = 0;  // of `scored`, plans that fit only with a host offload
  std::array<size_t, kRejectReasonCount> rejected_by_reason{};
  size_t better_than_reference = 0;  // scored plans strictly better than SearchOptions::reference_objective
  double wall_seconds = 0;
};

struct SearchResult {
  std::vector<RankedPlan> best;  // best first
  SearchStats stats;
  std::vector<double> scored_objectives;  // every scored plan's objective, when SearchOptions::keep_all_scores
};

// Where `objective` would rank among the scored plans (1 = best).
size_t rank_of(const SearchResult& result, double objective);

struct SearchOptions {
  SearchObjective objective = SearchObjective::step_time;
  size_t top_k = 10;
  int threads = 0;  // 0: all cores
  bool keep_all_scores = false;  // fill SearchResult::scored_objectives (every scored plan)
  // Objective of a plan to rank (e.g. a published plan): counts scored plans strictly better than it.
  double reference_objective = -1;
  SearchConstraints constraints;
  // The software every plan is timed with: the scenario's FlashAttention setting (TrainingJob::flash_attention).
  bool flash_attention = true;
  // ... and how it launches MoE expert GEMMs (TrainingJob::moe_grouped_gemm).
  GroupedGemmLaunch moe_grouped_gemm = GroupedGemmLaunch::one_kernel;
  // A plan that does not fit may be scored with a host offload (PlanEvaluator::set_offload_search).
  bool offload_when_short = true;
  // Called from the driving thread after each batch with (evaluated so far, total to evaluate).
  std::function<void(size_t, size_t)> progress;
};

struct SearchProblem {
  const ModelSpec& model;
  const Cluster& cluster;
  int seq_len;
  double global_batch_sequences;
  const std::vector<ParallelPlan>& candidates;
};

SearchResult search_training_plans(const SearchProblem& problem, SearchStrategy& strategy,
                                   const SearchOptions& options);

// Combines partition results (same space, disjoint candidates): sums the counts, keeps the global top-k.
SearchResult merge_search_results(const std::vector<SearchResult>& parts, size_t top_k);

}  // namespace stargate
