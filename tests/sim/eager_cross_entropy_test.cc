// Cross-entropy of eager frameworks (docs/training-model.md "Cross-entropy in eager PyTorch"): PyTorch's
// `F.cross_entropy(logits.float(), labels)` runs an upcast, a three-pass log_softmax and nll_loss, and their
// backward kernels, each priced as its own memory-bound kernel; fused frameworks keep one pass.
#include <numeric>

#include <gtest/gtest.h>

#include "sim/operator_timing.h"
#include "training_fixture.h"

namespace stargate::detail {
namespace {

using testing_support::make_cluster;

// The cross-entropy operator of a Llama 3 8B output layer: one micro-batch of `tokens` tokens, tp 1.
Operator cross_entropy_operator(double tokens) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  LayerShard shard;
  shard.micro_batch = 1;
  shard.seq_len = tokens;
  std::vector<Operator> ops;
  append_output_operators(m, shard, ops);
  for (const Operator& op : ops) {
    if (std::string(op.name) == "cross_entropy") return op;
  }
  ADD_FAILURE() << "no cross_entropy operator";
  return {};
}

TEST(EagerCrossEntropy, KernelBytesAreTheUpcastLogSoftmaxAndNllPasses) {
  const EagerCrossEntropyKernels kernels = eager_cross_entropy_kernels();
  // Forward: upcast (2 + 4), log_softmax (three fp32 reads + one fp32 write); nll_loss reads one value per row.
  ASSERT_EQ(kernels.forward_bytes_per_logit.size(), 2u);
  EXPECT_EQ(kernels.forward_bytes_per_logit[0], 6);
  EXPECT_EQ(kernels.forward_bytes_per_logit[1], 16);
  // Backward: zero-filled fp32 nll gradient (4), log_softmax_backward (three reads + one write), downcast (4 + 2).
  ASSERT_EQ(kernels.backward_bytes_per_logit.size(), 3u);
  EXPECT_EQ(kernels.backward_bytes_per_logit[0], 4);
  EXPECT_EQ(kernels.backward_bytes_per_logit[1], 16);
  EXPECT_EQ(kernels.backward_bytes_per_logit[2], 6);
}

TEST(EagerCrossEntropy, EagerFrameworksPayEachKernelFusedOnesOnePass) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 8);
  const KernelCostModel k = KernelCostModel::for_device(cluster.accelerator);
  const EagerElementwiseModel& eager = EagerElementwiseModel::for_device(cluster.accelerator);
  const double tokens = 8192, logits = tokens * 128256;  // Llama 3 vocabulary
  const Operator op = cross_entropy_operator(tokens);
  ASSERT_EQ(op.eager, EagerKernel::cross_entropy);
  ASSERT_DOUBLE_EQ(op.eager_bytes, 2 * logits);

  const OpTimes fused = time_operator(op, k, Dtype::bf16);
  EXPECT_DOUBLE_EQ(fused.forward, k.memory_bound_seconds(10 * logits));
  EXPECT_DOUBLE_EQ(fused.backward, k.memory_bound_seconds(20 * logits));

  const OpTimes unfused = time_operator(op, k, Dtype::bf16, &eager);
  EXPECT_DOUBLE_EQ(unfused.forward, k.memory_bound_seconds(6 * logits) + k.memory_bound_seconds(16 * logits));
  EXPECT_DOUBLE_EQ(unfused.backward, k.memory_bound_seconds(4 * logits) + k.memory_bound_seconds(16 * logits) +
                                         k.memory_bound_seconds(6 * logits));
  // 48 bytes per logit against the fused 30: at gigabyte sizes the copy bandwidth is flat, so about 1.6x.
  EXPECT_NEAR((unfused.forward + unfused.backward) / (fused.forward + fused.backward), 48.0 / 30.0, 0.05);
}

TEST(EagerCrossEntropy, EagerTrainingStepGainsExactlyTheExtraCrossEntropyTime) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 1);
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  const KernelCostModel k = KernelCostModel::for_device(cluster.accelerator);
  const auto net = make_alpha_beta_collectives(cluster);
  const TrainingJob job = testing_support::make_job(4096, 1, testing_support::plan(1, 1, 1));
  const double logits = 4096.0 * m.vocab;
  TrainingOptions eager_options;
  eager_options.eager_elementwise = true;
  const LayerTimeSet with_eager =
      compute_layer_times(m, cluster, job.plan, place_plan(job.plan, cluster.node), 4096, k, *net, eager_options);
  const LayerTimeSet fused = compute_layer_times(m, cluster, job.plan, place_plan(job.plan, cluster.node), 4096, k,
                                                 *net, {});
  // The output layer differs from the fused one by the cross-entropy and the eager final norm only.
  const EagerElementwiseModel& eager = EagerElementwiseModel::for_device(cluster.accelerator);
  std::vector<Operator> ops;
  LayerShard shard;
  shard.seq_len = 4096;
  shard.sequence_parallel = false;
  append_output_operators(m, shard, ops);
  const OpTimes norm_eager = time_operator(ops[0], k, Dtype::bf16, &eager);
  const OpTimes norm_fused = time_operator(ops[0], k, Dtype::bf16);
  const double extra_cross_entropy =
      k.memory_bound_seconds(6 * logits) + k.memory_bound_seconds(16 * logits) + k.memory_bound_seconds(4 * logits) +
      k.memory_bound_seconds(16 * logits) + k.memory_bound_seconds(6 * logits) -
      k.memory_bound_seconds(10 * logits) - k.memory_bound_seconds(20 * logits);
  const double extra_norm = norm_eager.forward + norm_eager.backward - norm_fused.forward - norm_fused.backward;
  EXPECT_NEAR(with_eager.output.total() - fused.output.total(), extra_cross_entropy + extra_norm, 1e-12);
  EXPECT_GT(extra_cross_entropy, 0);
}

}  // namespace
}  // namespace stargate::detail
