// The default plan space is as wide as the frameworks': TP beyond the scale-up domain (costed over the fabric) and
// up to 72 on NVL72, micro-batches to 64, vpp to layers/pp; the scenario's DP overlap and FlashAttention reach
// every candidate; a plan that fits nowhere else is scored with a host offload.
#include <gtest/gtest.h>

#include <algorithm>

#include "../sim/training_fixture.h"
#include "stargate/mapping/placement.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/search/training_search.h"
#include "stargate/search/training_space.h"

namespace stargate {
namespace {

bool contains(const std::vector<int>& values, int v) { return std::find(values.begin(), values.end(), v) != values.end(); }

TEST(SearchSpace, TensorParallelBeyondTheDomainAndEveryDivisorOfAnNvl72Rack) {
  ModelSpec model = *ModelCatalog::builtin().find("gpt3-175b");  // 96 heads
  const Cluster dgx = testing_support::make_cluster("a100-80gb", "dgx-a100", 512);
  const TrainingSpace eight = default_training_space(model, dgx, 2048);
  EXPECT_TRUE(contains(eight.tp, 16) && contains(eight.tp, 32));
  EXPECT_FALSE(contains(eight.tp, 64));  // does not divide 96 heads
  EXPECT_FALSE(contains(eight.tp, 3));   // not a power of two, does not divide the 8-GPU domain
  model.heads = 144;
  const Cluster rack = testing_support::make_cluster("gb200", "gb200-nvl72", 576);
  const TrainingSpace nvl72 = default_training_space(model, rack, 2048);
  for (int tp : {3, 6, 9, 18, 24, 36, 72, 16}) EXPECT_TRUE(contains(nvl72.tp, tp)) << tp;
}

TEST(SearchSpace, MicroBatchesToSixtyFourAndVirtualStagesToLayersOverStages) {
  const ModelSpec& model = *ModelCatalog::builtin().find("gpt3-175b");  // 96 layers
  const Cluster cluster = testing_support::make_cluster("a100-80gb", "dgx-a100", 64);
  TrainingSpace space = default_training_space(model, cluster, 2048);
  EXPECT_TRUE(contains(space.micro_batch, 64));
  space.tp = {8};
  space.pp = {4};
  std::vector<int> vpps;
  for (const ParallelPlan& p : enumerate_plans(space, model, cluster.gpus, 1024, 2048)) {
    if (!contains(vpps, p.vpp)) vpps.push_back(p.vpp);
  }
  std::sort(vpps.begin(), vpps.end());
  // The classic 1, 2, 3, 4, 6, 8 and the even splits of 24 layers per stage: 12, 24 (5, 7, 9... do not split).
  EXPECT_EQ(vpps, (std::vector<int>{1, 2, 3, 4, 6, 8, 12, 24}));
}

// TP 16 on 8-GPU nodes: the TP group spans two domains, so its collectives slow down with the scale-out fabric;
// TP 8 stays inside the node and does not.
TEST(SearchSpace, TensorParallelSixteenOnEightGpuNodesCostsScaleOutCollectives) {
  const Cluster fast = testing_support::make_cluster("h100-sxm", "dgx-h100", 64);
  Cluster slow = fast;
  slow.fabric.link_bandwidth_bytes_per_s /= 4;
  slow.node.nic_bandwidth_per_gpu_bytes_per_s /= 4;
  EXPECT_EQ(place_plan(testing_support::plan(16, 1, 4), fast.node).tp.domains(), 2);
  auto tp_comm = [](const Cluster& c, int tp) {
    ParallelPlan p = testing_support::plan(tp, 1, 64 / tp);
    p.recompute = Recompute::none;
    const ModelSpec& m = *ModelCatalog::builtin().find("gpt3-175b");
    const KernelCostModel kernels = KernelCostModel::for_device(c.accelerator);
    const auto net = make_cluster_collectives(c);
    return estimate_training_step(m, c, testing_support::make_job(2048, 64, p), kernels, *net).breakdown.tp_comm_seconds;
  };
  EXPECT_GT(tp_comm(slow, 16), 1.5 * tp_comm(fast, 16));
  EXPECT_DOUBLE_EQ(tp_comm(slow, 8), tp_comm(fast, 8));
}

TEST(SearchSpace, ScenarioFrameworkSettingsReachEveryCandidate) {
  const ModelSpec& model = *ModelCatalog::builtin().find("gpt3-175b");
  const Cluster cluster = testing_support::make_cluster("a100-80gb", "dgx-a100", 64);
  ParallelPlan scenario_plan;
  scenario_plan.dp_overlap = scenario_plan.dp_param_gather_overlap = false;
  scenario_plan.dp_bucket_params = 10e6;
  scenario_plan.offload = {.optimizer = 1};  // the search decides offload itself
  TrainingSpace space = default_training_space(model, cluster, 2048);
  take_unsearched_fields(space, scenario_plan);
  const std::vector<ParallelPlan> plans = enumerate_plans(space, model, cluster.gpus, 64, 2048);
  ASSERT_FALSE(plans.empty());
  for (const ParallelPlan& p : plans) {
    ASSERT_FALSE(p.dp_overlap || p.dp_param_gather_overlap);
    ASSERT_EQ(p.dp_bucket_params, 10e6);
    ASSERT_FALSE(p.offload.any());
  }
}

// Without FlashAttention the searched plans are timed and sized as `train` would with flash_attention: false.
TEST(SearchSpace, FlashAttentionOffReachesTheSearch) {
  const ModelSpec& model = *ModelCatalog::builtin().find("gpt3-175b");
  const Cluster cluster = testing_support::make_cluster("a100-80gb", "dgx-a100", 64);
  TrainingSpace space = default_training_space(model, cluster, 2048);
  space.tp = {8};
  space.micro_batch = {1};
  space.zero = {1};
  const std::vector<ParallelPlan> plans = enumerate_plans(space, model, cluster.gpus, 64, 2048);
  ExhaustiveStrategy strategy(plans.size());
  SearchOptions options;
  options.top_k = 1;
  options.flash_attention = false;
  options.offload_when_short = false;
  const SearchResult r = search_training_plans(SearchProblem{model, cluster, 2048, 64, plans}, strategy, options);
  ASSERT_FALSE(r.best.empty());
  const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
  const auto net = make_cluster_collectives(cluster);
  const TrainingJob job = testing_support::make_job(2048, 64, r.best[0].plan);
  const TrainingEstimate off = estimate_training_step(model, cluster, job, kernels, *net, {.flash_attention = false});
  const TrainingEstimate on = estimate_training_step(model, cluster, job, kernels, *net, {.flash_attention = true});
  EXPECT_NEAR(r.best[0].score.step_seconds, off.step_seconds, 1e-12 * off.step_seconds);
  EXPECT_DOUBLE_EQ(r.best[0].score.memory_bytes, off.memory.total_bytes());
  EXPECT_NE(off.step_seconds, on.step_seconds);
  // Keeping every activation, the unfused attention also stores its score matrix.
  TrainingJob kept_all = job;
  kept_all.plan.recompute = Recompute::none;
  EXPECT_GT(estimate_training_step(model, cluster, kept_all, kernels, *net, {.flash_attention = false}).memory.activations_bytes,
            estimate_training_step(model, cluster, kept_all, kernels, *net, {.flash_attention = true}).memory.activations_bytes);
}

// Llama 3 70B on 8 A100-80GB: weights, gradients and Adam states alone need ~140 GB per GPU even fully sharded, so
// nothing fits in HBM; with the optimizer states on the host some plans do, and the search ranks them with the
// offload its evaluator chose, timed as `train` would time that plan.
TEST(SearchSpace, OffloadIsChosenWhenNothingElseFits) {
  const ModelSpec& model = *ModelCatalog::builtin().find("llama3-70b");
  const Cluster cluster = testing_support::make_cluster("a100-80gb", "dgx-a100", 8);
  TrainingSpace space = default_training_space(model, cluster, 2048);
  space.micro_batch = {1};
  space.vpp = {1};
  const std::vector<ParallelPlan> plans = enumerate_plans(space, model, cluster.gpus, 16, 2048);
  SearchOptions options;
  options.top_k = 1;
  options.offload_when_short = false;
  ExhaustiveStrategy none(plans.size());
  EXPECT_TRUE(search_training_plans(SearchProblem{model, cluster, 2048, 16, plans}, none, options).best.empty());
  options.offload_when_short = true;
  ExhaustiveStrategy all(plans.size());
  const SearchResult r = search_training_plans(SearchProblem{model, cluster, 2048, 16, plans}, all, options);
  ASSERT_FALSE(r.best.empty());
  EXPECT_GT(r.stats.scored_with_offload, 0u);
  EXPECT_EQ(r.stats.scored_with_offload, r.stats.scored);
  const ParallelPlan& best = r.best[0].plan;
  EXPECT_TRUE(best.offload.any());
  const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
  const auto net = make_cluster_collectives(cluster);
  const TrainingEstimate e =
      estimate_training_step(model, cluster, testing_support::make_job(2048, 16, best), kernels, *net);
  EXPECT_TRUE(e.fits);
  EXPECT_GT(e.breakdown.offload_seconds, 0);
  EXPECT_NEAR(r.best[0].score.step_seconds, e.step_seconds, 1e-12 * e.step_seconds);
}

}  // namespace
}  // namespace stargate
