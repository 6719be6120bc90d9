// Overlap modes as plan fields: TP none / bulk / decomposed, DP gradient-reduce and parameter-gather overlap with
// buckets, ZeRO-3 gathering per micro-batch or per step; each on a case whose exposed time is derived by hand.
#include <gtest/gtest.h>

#include "sim/data_parallel_time.h"
#include "sim/stage_timing.h"
#include "training_fixture.h"

namespace stargate::detail {
namespace {

// Every collective moves 1 GB per second whatever the group (a group of one costs 0).
class GigabytePerSecond : public CollectiveModel {
 public:
  double seconds(Collective, double bytes, const CommGroup& group) const override {
    return group.size <= 1 ? 0 : bytes / 1e9;
  }
};

struct TpCase {
  TpCommOverlap mode;
  bool backward;
  double comm, gemm, sm_share, exposed;
};

TEST(OverlapModes, TensorParallelExposedTimeByMode) {
  // tp = 4, 8 ms of collectives (half all-gathers, half reduce-scatters).
  const TpCase cases[] = {
      {TpCommOverlap::none, false, 8, 100, 0.2, 8},
      {TpCommOverlap::none, true, 8, 100, 0.2, 8},
      // First chunk 8/4 = 2 exposed; the rest (6) under 100 of GEMMs; the GEMMs beside the reduce-scatters (3 of
      // the rest) lose 0.2 of their SMs: 3·0.2/0.8 = 0.75.
      {TpCommOverlap::decomposed, false, 8, 100, 0.2, 2.75},
      {TpCommOverlap::decomposed, true, 8, 100, 0.2, 2.75},
      // GEMMs of 4: the rest (6) exceeds them by 2; beside the reduce-scatter min(4, 3) = 3 → +0.75.
      {TpCommOverlap::decomposed, false, 8, 4, 0.2, 2 + 2 + 0.75},
      {TpCommOverlap::bulk, false, 8, 100, 0.2, 2.75},  // forward: as decomposed
      // Backward: all-gathers 4 split beside dgrad (50): 4/4 = 1 exposed; reduce-scatters 4 in bulk beside wgrad
      // (50): 0 exposed, contention 4·0.2/0.8 = 1.
      {TpCommOverlap::bulk, true, 8, 100, 0.2, 2},
      // GEMMs of 4 (dgrad 2, wgrad 2): all-gathers 1 + (3 − 2) = 2; reduce-scatters (4 − 2) + 2·0.25 = 2.5.
      {TpCommOverlap::bulk, true, 8, 4, 0.2, 4.5},
  };
  for (const TpCase& c : cases) {
    EXPECT_NEAR(exposed_tp_comm(c.mode, c.backward, c.comm, c.gemm, 4, c.sm_share), c.exposed, 1e-12)
        << tp_comm_overlap_name(c.mode) << (c.backward ? " backward" : " forward") << " gemm " << c.gemm;
  }
}

struct AsyncGradCase {
  bool sequence_parallel;
  double comm, column_wgrad, exposed, traffic;
};

TEST(OverlapModes, MegatronAsyncGradientCollectivesHideBesideTheWgradGemms) {
  // 8 ms of backward collectives, SM share 0.2 (a hidden transfer costs a quarter of itself in contention).
  const AsyncGradCase cases[] = {
      // Without SP both all-reduces run beside 100 of wgrad: only the contention, 8·0.25 = 2.
      {false, 8, 100, 2, 8},
      // Beside 5 of wgrad: 3 outlast it, 5 hidden cost 1.25.
      {false, 8, 5, 3 + 1.25, 8},
      // SP: gathers 4 exposed; reduce-scatters 4 beside wgrad → 1; input re-gather 4 beside dgrad → 1. The
      // re-gather is extra traffic: 12.
      {true, 8, 100, 4 + 1 + 1, 12},
      // SP beside 3: each hidden transfer leaves 1 exposed and costs 0.75: 4 + 2·1.75.
      {true, 8, 3, 4 + 2 * 1.75, 12},
  };
  for (const AsyncGradCase& c : cases) {
    const TpBackwardComm b = async_wgrad_backward_comm(c.sequence_parallel, c.comm, c.column_wgrad, 0.2);
    EXPECT_NEAR(b.exposed, c.exposed, 1e-12) << "sp " << c.sequence_parallel << " window " << c.column_wgrad;
    EXPECT_NEAR(b.traffic, c.traffic, 1e-12) << "sp " << c.sequence_parallel << " window " << c.column_wgrad;
  }
  // Its forward is exposed as without overlap.
  EXPECT_EQ(exposed_tp_comm(TpCommOverlap::wgrad, false, 8, 100, 4, 0.2), 8);
}

// One stage of 10 layers, 1e9 parameters, dp group of 8, no SM contention.
struct DpCase {
  int zero;
  Zero3Gather gather;
  bool grad_overlap, param_overlap;
  double forward, backward, micro_batches;
  double exposed, overlapped;
};

TEST(OverlapModes, DataParallelExposedTimeByMode) {
  const StageParameters params{.dense = 1e9, .layers = 10, .dense_layers = 10};
  const PlanGroups groups{.dp = {.size = 8, .ranks_per_domain = 8}};
  // fp32 gradients: reduce-scatter 4 GB = 4 s; bf16 weights: all-gather 2 GB = 2 s; 25 buckets of 40M.
  const DpCase cases[] = {
      // ZeRO-1, both overlapped, forward 1 + backward 10 s window: total 6 s hidden but the last bucket (6/25).
      {1, Zero3Gather::per_micro_batch, true, true, 1, 10, 4, 6.0 / 25, 6 - 6.0 / 25},
      // Window 1 + 2 = 3 s: 6 − 3 = 3 s exposed.
      {1, Zero3Gather::per_micro_batch, true, true, 1, 2, 4, 3, 3},
      // Gradients overlapped (4 − 10 < 4/25), the gather not: 4/25 + 2.
      {1, Zero3Gather::per_micro_batch, true, false, 1, 10, 4, 4.0 / 25 + 2, 4 - 4.0 / 25},
      // Nothing overlapped: ZeRO-0 all-reduce of 4 GB = 4 s, all exposed.
      {0, Zero3Gather::per_micro_batch, false, false, 1, 10, 4, 4, 0},
      // ZeRO-3 per micro-batch: per layer gather 0.2 s, scatter 0.4 s; layer forward 0.1, backward 1:
      // exposed per layer (0.2 − 0.1) + max(0, 0.6 − 1) = 0.1, × 10 layers × 4 micro-batches = 4 s of 32 s.
      {3, Zero3Gather::per_micro_batch, true, true, 1, 10, 4, 4, 28},
      // ZeRO-3 once per step: the same 6 s as ZeRO-1, buckets of one layer: max(6/10, 6 − 11) = 0.6.
      {3, Zero3Gather::per_step, true, true, 1, 10, 4, 0.6, 5.4},
  };
  const GigabytePerSecond net;
  for (const DpCase& c : cases) {
    ParallelPlan plan{.dp = 8, .zero_stage = c.zero};
    plan.zero3_gather = c.gather;
    plan.dp_overlap = c.grad_overlap;
    plan.dp_param_gather_overlap = c.param_overlap;
    const DataParallelSeconds dp =
        data_parallel_seconds(plan, params, c.forward, c.backward, c.micro_batches, groups, net, 0);
    EXPECT_NEAR(dp.exposed, c.exposed, 1e-9) << "zero " << c.zero << " " << zero3_gather_name(c.gather);
    EXPECT_NEAR(dp.overlapped, c.overlapped, 1e-9) << "zero " << c.zero << " " << zero3_gather_name(c.gather);
  }
}

// A domain of g ranks stages a collective through its scale-up links: g times faster than a flat ring, where
// every rank's share crosses its own link at 1 GB/s.
class StagedByDomain : public CollectiveModel {
 public:
  double seconds(Collective, double bytes, const CommGroup& group) const override {
    return group.size <= 1 ? 0 : bytes / 1e9 / group.ranks_per_domain;
  }
};

struct PerModuleCase {
  Zero3Gather gather;
  Recompute recompute;
  double exposed, overlapped;
};

TEST(OverlapModes, DeepSpeedPerModuleGatheringRegathersForRecomputeOverAFlatRing) {
  // 10 layers of 1e8 parameters, dp 64 in domains of 8, 4 micro-batches, layer forward 0.1 s, backward 1 s.
  const StageParameters params{.dense = 1e9, .layers = 10, .dense_layers = 10};
  const PlanGroups groups{.dp = {.size = 64, .ranks_per_domain = 8}};
  const StagedByDomain net;
  const PerModuleCase cases[] = {
      // Flat ring: gather 0.2 GB = 0.2 s, fp32 gradient scatter 0.4 s. Full recompute: forward exposes
      // 0.2 − 0.1 per layer, backward 2·0.2 + 0.4 = 0.8 < 1 hides: 0.1 · 10 · 4 = 4 s of (0.2 + 0.8) · 40 = 40 s.
      {Zero3Gather::per_module, Recompute::full, 4, 36},
      // Without full recompute one backward gather: (0.2 + 0.6) · 40 = 32 s, the same 4 s exposed.
      {Zero3Gather::per_module, Recompute::selective, 4, 28},
      // Per micro-batch (FSDP) staged through the domain: gather 0.025 s, scatter 0.05 s, all hidden: 4 s in all.
      {Zero3Gather::per_micro_batch, Recompute::full, 0, 4},
  };
  for (const PerModuleCase& c : cases) {
    ParallelPlan plan{.dp = 64, .zero_stage = 3, .recompute = c.recompute};
    plan.zero3_gather = c.gather;
    const DataParallelSeconds dp = data_parallel_seconds(plan, params, 1, 10, 4, groups, net, 0);
    EXPECT_NEAR(dp.exposed, c.exposed, 1e-9) << zero3_gather_name(c.gather) << " " << recompute_name(c.recompute);
    EXPECT_NEAR(dp.overlapped, c.overlapped, 1e-9) << zero3_gather_name(c.gather) << " " << recompute_name(c.recompute);
  }
}

TEST(OverlapModes, BucketSizeSetsTheExposedTail) {
  const StageParameters params{.dense = 1e9, .layers = 10, .dense_layers = 10};
  const PlanGroups groups{.dp = {.size = 8, .ranks_per_domain = 8}};
  ParallelPlan plan{.dp = 8, .zero_stage = 1};
  plan.dp_bucket_params = 250e6;  // 4 buckets: 6 s / 4 exposed
  const GigabytePerSecond net;
  EXPECT_NEAR(data_parallel_seconds(plan, params, 1, 10, 4, groups, net, 0).exposed, 1.5, 1e-12);
}

}  // namespace
}  // namespace stargate::detail

namespace stargate {
namespace {

using testing_support::estimate;
using testing_support::make_cluster;
using testing_support::make_job;
using testing_support::plan;

TEST(OverlapModes, BreakdownSplitsEachKindIntoExposedAndOverlapped) {
  // Llama 3 70B, tp 8 · pp 4 · dp 32: what a mode hides is reported as overlapped, and exposed + overlapped is the
  // collectives' whole time whatever the mode.
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 1024);
  ParallelPlan p = plan(8, 4, 32, 1, 5);
  const StepBreakdown none = estimate("llama3-70b", cluster, make_job(8192, 512, p)).breakdown;
  EXPECT_EQ(none.tp_comm_overlapped_seconds, 0);
  EXPECT_GT(none.dp_comm_overlapped_seconds, 0);  // gradients reduced under the last backward
  EXPECT_EQ(none.pp_comm_overlapped_seconds, 0);
  for (TpCommOverlap mode : {TpCommOverlap::bulk, TpCommOverlap::decomposed}) {
    p.tp_comm_overlap = mode;
    const StepBreakdown b = estimate("llama3-70b", cluster, make_job(8192, 512, p)).breakdown;
    EXPECT_GT(b.tp_comm_overlapped_seconds, 0) << tp_comm_overlap_name(mode);
    EXPECT_NEAR(b.tp_comm_seconds + b.tp_comm_overlapped_seconds, none.tp_comm_seconds, 1e-9 * none.tp_comm_seconds)
        << tp_comm_overlap_name(mode);
  }
}

TEST(OverlapModes, AsyncGradientCollectivesHideOnlyBackwardTraffic) {
  // GPT-3 175B on A100s, tp 8 without SP, full recompute (Korthikanti's baseline): the backward all-reduces hide
  // beside the wgrad GEMMs, the forward and recompute ones stay exposed, and the traffic is the same as without
  // overlap (no SP, so no input re-gather).
  const Cluster cluster = make_cluster("a100-80gb", "dgx-a100", 64);
  ParallelPlan p = plan(8, 8, 1);
  p.sequence_parallel = false;
  p.recompute = Recompute::full;
  const TrainingEstimate none = estimate("gpt3-175b", cluster, make_job(2048, 64, p));
  p.tp_comm_overlap = TpCommOverlap::wgrad;
  const TrainingEstimate wgrad = estimate("gpt3-175b", cluster, make_job(2048, 64, p));
  const StepBreakdown& a = none.breakdown;
  const StepBreakdown& b = wgrad.breakdown;
  EXPECT_GT(b.tp_comm_overlapped_seconds, 0);
  // Forward and recompute (2 of the 3 passes) stay exposed; the backward costs only its SM contention.
  EXPECT_GT(b.tp_comm_seconds, a.tp_comm_seconds * 2 / 3);
  EXPECT_LT(b.tp_comm_seconds, a.tp_comm_seconds * 2 / 3 + a.tp_comm_seconds / 3 / 2);
  EXPECT_NEAR(b.tp_comm_seconds + b.tp_comm_overlapped_seconds, a.tp_comm_seconds, 1e-9 * a.tp_comm_seconds);
  EXPECT_LT(wgrad.step_seconds, none.step_seconds);
}

TEST(OverlapModes, Zero3GatheringOncePerStepHoldsTheStagesWeightsAndGradients) {
  // Llama 3 8B on 64 H100s, pp 4 · dp 16, 16 micro-batches: gathering once per step moves 1/16 of the bytes of
  // gathering per micro-batch (and a third of the gathers), so exposes less; its memory keeps the stage's weights
  // and gradients unsharded, as ZeRO-1 does.
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 64);
  ParallelPlan p = plan(1, 4, 16);
  p.zero_stage = 3;
  const TrainingEstimate per_micro_batch = estimate("llama3-8b", cluster, make_job(8192, 256, p));
  p.zero3_gather = Zero3Gather::per_step;
  const TrainingEstimate per_step = estimate("llama3-8b", cluster, make_job(8192, 256, p));
  p.zero_stage = 1;
  const TrainingEstimate zero1 = estimate("llama3-8b", cluster, make_job(8192, 256, p));
  EXPECT_LT(per_step.breakdown.dp_comm_seconds, per_micro_batch.breakdown.dp_comm_seconds);
  EXPECT_NEAR(per_step.breakdown.dp_comm_seconds, zero1.breakdown.dp_comm_seconds,
              0.5 * zero1.breakdown.dp_comm_seconds + 1e-6);  // same bytes, per-layer buckets instead of 40M
  EXPECT_DOUBLE_EQ(per_step.memory.weights_bytes, zero1.memory.weights_bytes);
  EXPECT_DOUBLE_EQ(per_step.memory.gradients_bytes, zero1.memory.gradients_bytes);
  EXPECT_NEAR(per_micro_batch.memory.weights_bytes * 16, zero1.memory.weights_bytes, 1e-6 * zero1.memory.weights_bytes);
}

}  // namespace
}  // namespace stargate
