// Two-batch overlap of a prefill MoE layer (src/serving/tbo_overlap.h), on cases derived by hand:
//   - a computation beside a communication that takes no SMs lasts the longer of the two;
//   - with the kernels on 20 of 132 SMs, compute that fits inside the slowed window ends with the communication,
//     compute that outlasts it loses comm · share (it ran at 1 − share only while the communication ran);
//   - the layer is the sum of SGLang's four pairs, never shorter than either stream alone;
//   - through StepTimeModel, a DeepEP-normal prefill takes at least the global max(compute, communication).
#include <gtest/gtest.h>

#include "serving/expert_parallel_cost.h"
#include "serving/tbo_overlap.h"
#include "stargate/catalog/catalog.h"
#include "stargate/net/cluster_collectives.h"
#include "stargate/serving/step_time.h"
#include "stargate/workload/model_catalog.h"

namespace stargate::serving_detail {
namespace {

TEST(OverlappedPair, WithoutSmContentionTakesTheLongerSide) {
  EXPECT_DOUBLE_EQ(overlapped_pair_seconds(3, 5, 0), 5);
  EXPECT_DOUBLE_EQ(overlapped_pair_seconds(5, 3, 0), 5);
  EXPECT_DOUBLE_EQ(overlapped_pair_seconds(4, 0, 0.5), 4);  // nothing beside it: full speed
}

TEST(OverlappedPair, ComputeBesideTheKernelsRunsOnTheSmsTheyLeave) {
  const double share = 20.0 / 132;
  // 3 s of compute at 112/132 speed take 3.536 s: inside a 5 s communication, the pair ends with it.
  EXPECT_DOUBLE_EQ(overlapped_pair_seconds(3, 5, share), 5);
  // 5 s of compute beside 3 s of communication: 3·(1 − share) done meanwhile, the rest at full speed.
  EXPECT_NEAR(overlapped_pair_seconds(5, 3, share), 3 + (5 - 3 * (1 - share)), 1e-12);
  // 4.5 s beside 4 s: the slowed compute (5.30 s) outlasts it; ends at 4 + (4.5 − 4·112/132).
  EXPECT_NEAR(overlapped_pair_seconds(4.5, 4, share), 4.5 + 4 * share, 1e-12);
}

TEST(TwoBatchMoeLayer, SumsSglangsFourPairs) {
  const TboMicroBatch a{.attention_side = 2, .experts = 5, .dispatch = 3, .combine = 6};
  const TboMicroBatch b{.attention_side = 2, .experts = 5, .dispatch = 3, .combine = 6};
  // B.attention ‖ A.dispatch: 3, A.experts ‖ B.dispatch: 5, B.experts ‖ A.combine: 6, A.attention ‖ B.combine: 6.
  EXPECT_DOUBLE_EQ(two_batch_moe_layer_seconds(a, b, 0), 20);
  // The global max of the streams (14 compute, 18 communication) is shorter: the pairs cannot trade slack.
  EXPECT_GT(two_batch_moe_layer_seconds(a, b, 0), 18);
  EXPECT_GT(two_batch_moe_layer_seconds(a, b, 20.0 / 132), two_batch_moe_layer_seconds(a, b, 0));
}

Cluster h100(int gpus) {
  const Catalog& c = Catalog::builtin();
  return Cluster{*c.find_accelerator("h100-sxm"), *c.find_node("dgx-h100"), c.default_scale_out_fabric(), gpus};
}

TEST(ExpertLayerSplit, DispatchAndCombineAddUpAndOnlyNormalKernelsHoldSms) {
  const Cluster cluster = h100(32);
  const ModelSpec& m = *ModelCatalog::builtin().find("deepseek-v3");
  ExpertParallelLayout layout{.tp = 32, .attention_dp = 32, .ep = 32};
  layout.moe.redundant_experts = 32;
  const auto net = make_cluster_collectives(cluster);
  const KernelCostModel k = KernelCostModel::for_device(cluster.accelerator, KernelCostOptions{true});
  for (auto dispatch : {MoeServing::Dispatch::normal, MoeServing::Dispatch::low_latency}) {
    layout.moe.dispatch = dispatch;
    const ExpertLayerSeconds e = ExpertParallelCost(m, cluster, layout, Dtype::fp8).layer(k, *net, 4096, true);
    EXPECT_NEAR(e.dispatch + e.combine, e.communication, 1e-12 * e.communication);
    EXPECT_LT(e.dispatch, e.combine);  // fp8 rows out, bf16 rows back
    EXPECT_EQ(e.comm_sms, dispatch == MoeServing::Dispatch::normal ? kDeepEpNormalKernelSms : 0);
  }
}

TEST(TwoBatchPrefill, NeverFasterThanTheLongerStreamAndSlowerThanWithoutSmContention) {
  const ModelSpec& m = *ModelCatalog::builtin().find("deepseek-v3");
  StepTimeOptions o{.tp = 32, .attention_dp = 32, .ep = 32, .weights = Dtype::fp8};
  o.moe.dispatch = MoeServing::Dispatch::normal;
  o.moe.redundant_experts = 32;
  StepTimeModel sequential(m, h100(32), o);
  o.moe.two_batch_overlap = true;
  StepTimeModel overlapped(m, h100(32), o);
  const BatchShape batch{.prefill_tokens = 16000, .prefill_pairs = 8 * 2000.0 * 2000 / 2, .logit_rows = 8};
  const double tbo = overlapped.seconds(batch);
  EXPECT_LT(tbo, sequential.seconds(batch));  // overlap still pays off
  // Each half alone: compute and communication of 8000 tokens, from the same model without overlap.
  const BatchShape half{.prefill_tokens = 8000, .prefill_pairs = 4 * 2000.0 * 2000 / 2, .logit_rows = 4};
  EXPECT_GT(tbo, sequential.seconds(half));
}

}  // namespace
}  // namespace stargate::serving_detail
