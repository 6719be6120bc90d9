#pragma once
// Scores training plans: cheap validity and memory checks first, then the step-time model with per-layer times
// cached by the plan fields they depend on. One evaluator per thread (not thread-safe).
#include <cstdint>
#include <unordered_map>

#include "stargate/catalog/cluster.h"
#include "stargate/cost/gpu_hour_cost.h"
#include "stargate/perf/collective_model.h"
#include "stargate/perf/kernel_cost_model.h"
#include "stargate/search/plan_score.h"
#include "stargate/sim/training_step.h"
#include "stargate/workload/model.h"

namespace stargate {

// The objective of a training plan search (the number PlanScore::objective holds).
enum class SearchObjective {
  step_time,  // seconds per optimizer step (equivalently tokens/s, MFU, time to train)
  cost,       // USD per optimizer step: step time × GPUs × the cluster's $/GPU-hour (cost/gpu_hour_cost_model.h)
  energy,     // joules for the scenario's tokens: step time × cluster power
};

// Limits a plan must meet to be ranked (0 = none).
struct SearchConstraints {
  double max_step_seconds = 0;
  double min_mfu = 0;
  double max_memory_bytes = 0;  // below the HBM capacity, e.g. to leave headroom
};

// The host offloads a search tries, in this order, for a plan that does not fit in HBM as it is (index 0: none):
// optimizer states; activations; both; weights and optimizer states; everything. The fastest that fits wins; an
// offload that includes a fitting one is not tried (it moves more over the same link, never faster).
inline constexpr int kOffloadVariantCount = 6;
HostOffload offload_variant(int index);

class PlanEvaluator {
 public:
  PlanEvaluator(const ModelSpec& model, const Cluster& cluster, int seq_len, double global_batch_sequences,
                const KernelCostModel& kernels, const CollectiveModel& collectives, SearchObjective objective);

  PlanScore score(const ParallelPlan& plan);
  void set_constraints(const SearchConstraints& constraints) { constraints_ = constraints; }
  // Whether a plan that does not fit may be scored with a host offload (offload_variant()) instead: only the
  // variants the node can run (a host link; host DRAM bandwidth for the optimizer) are tried. Off by default.
  void set_offload_search(bool on);
  // The software options every plan is timed with (default: FlashAttention, fused elementwise). Stage times are
  // never recorded while scoring. Clears the per-layer cache.
  void set_training_options(const TrainingOptions& options);
  // The full estimate for one plan (for reporting the winners).
  TrainingEstimate estimate(const ParallelPlan& plan);

  size_t cached_layer_sets() const { return cache_.size(); }
  // The price of a GPU-hour on this cluster under the default cost assumptions (the cost objective's basis).
  const GpuHourCost& gpu_hour_cost() const { return gpu_hour_cost_; }

 private:
  const LayerTimeSet& layer_times(const ParallelPlan& plan, const PlanGroups& groups);
  bool fits(const MemoryBreakdown& memory) const;
  // The step-time model on a plan that fits (`memory` is its estimate_memory()).
  PlanScore timed(const ParallelPlan& plan, const MemoryBreakdown& memory);
  // The fastest fitting offload of a plan that does not fit as it is; `unfit` (its does_not_fit score) when none.
  PlanScore with_offload(const ParallelPlan& plan, int micro_batches, const PlanScore& unfit);

  const ModelSpec& model_;
  const Cluster& cluster_;
  TrainingJob job_;
  const KernelCostModel& kernels_;
  const CollectiveModel& collectives_;
  SearchObjective objective_;
  double watts_per_gpu_ = 0;
  GpuHourCost gpu_hour_cost_;
  SearchConstraints constraints_;
  TrainingOptions options_{.flash_attention = true, .record_stage_times = false, .eager_elementwise = false};
  std::unordered_map<uint64_t, LayerTimeSet> cache_;
  uint32_t offload_variants_ = 0;  // bit i: offload_variant(i) may be tried
};

}  // namespace stargate
