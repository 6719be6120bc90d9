// Host offload: the time each kind adds over the host link and host DRAM, derived by hand, and the HBM it frees.
#include <gtest/gtest.h>

#include "sim/host_offload_time.h"
#include "training_fixture.h"

namespace stargate::detail {
namespace {

constexpr double kLink = 10e9;       // host link, bytes/s per direction
constexpr double kHostDram = 100e9;  // host DRAM, bytes/s

struct OffloadCase {
  const char* name;
  HostOffload offload;
  double optimizer_params, activations_per_micro_batch, host_weights;
  double forward, backward, micro_batches;
  bool overlapped;
  double exposed, overlapped_seconds;
};

TEST(HostOffload, ExposedAndOverlappedSecondsByKind) {
  const OffloadCase cases[] = {
      // Not overlapped: (2 + 2) B × 1e9 / 10 GB/s + 28 B × 1e9 / 100 GB/s = 0.4 + 0.28 s.
      {"optimizer, gradients after backward", {.optimizer = 1}, 1e9, 0, 0, 1, 1, 4, false, 0.68, 0},
      // Gradients down (0.2 s) under the last backward (1 s): only the CPU step and the copy up (0.2) remain.
      {"optimizer, gradients beside backward", {.optimizer = 1}, 1e9, 0, 0, 1, 1, 4, true, 0.48, 0.2},
      {"half the optimizer", {.optimizer = 0.5}, 1e9, 0, 0, 1, 1, 4, false, 0.34, 0},
      // 1 GB per micro-batch: 0.1 s out beside 0.05 s of forward (0.05 exposed), 0.1 s back beside 0.2 s of
      // backward (hidden), × 4 micro-batches.
      {"activations", {.activations = 1}, 0, 1e9, 0, 0.05, 0.2, 4, true, 0.2, 0.6},
      // 2 GB of weights up in forward (0.2 s beside 0.1) and backward (0.2 s beside 0.3), × 2.
      {"weights", {.weights = 1}, 0, 0, 2e9, 0.1, 0.3, 2, true, 0.2, 0.6},
      // Backward brings weights (2 GB) and activations (1 GB) up the same direction: 0.3 s beside 0.2.
      {"weights and activations", {.weights = 1, .activations = 1}, 0, 1e9, 2e9, 0.5, 0.2, 1, true, 0.1, 0.4},
  };
  for (const OffloadCase& c : cases) {
    MemoryBreakdown memory;
    memory.activations_per_micro_batch_bytes = c.activations_per_micro_batch;
    memory.host_weights_bytes = c.host_weights;
    const HostOffloadSeconds s = host_offload_seconds({.offload = c.offload, .memory = memory,
                                                       .optimizer_params = c.optimizer_params,
                                                       .stage_forward_seconds = c.forward,
                                                       .stage_backward_seconds = c.backward,
                                                       .micro_batches = c.micro_batches,
                                                       .gradient_copy_overlapped = c.overlapped,
                                                       .host_link_bytes_per_s = kLink,
                                                       .host_memory_bytes_per_s = kHostDram});
    EXPECT_NEAR(s.exposed, c.exposed, 1e-12) << c.name;
    EXPECT_NEAR(s.overlapped, c.overlapped_seconds, 1e-12) << c.name;
  }
}

TEST(HostOffload, MovesTheSharesToHostAndKeepsTwoLayersForTheCopies) {
  MemoryBreakdown m;
  m.weights_bytes = 40;
  m.optimizer_bytes = 100;
  m.activations_bytes = 60;
  apply_host_offload({.weights = 1, .activations = 0.5, .optimizer = 1}, /*layers=*/10, /*layer_activation=*/2, m);
  EXPECT_DOUBLE_EQ(m.weights_bytes, 2 * 40.0 / 10);  // two layers' weights
  EXPECT_DOUBLE_EQ(m.activations_bytes, 30 + 2 * 2);  // the half kept plus two layers of one micro-batch
  EXPECT_DOUBLE_EQ(m.optimizer_bytes, 0);
  EXPECT_DOUBLE_EQ(m.host_bytes(), 40 + 30 + 100);
}

// The whole step on a catalog node: offloading the optimizer adds exactly the exposed offload time and removes the
// GPU optimizer step; the HBM loses the optimizer states.
TEST(HostOffload, OptimizerOffloadChangesTheStepByItsOwnTerms) {
  const Cluster cluster = testing_support::make_cluster("a100-80gb", "dgx-a100", 64);
  ParallelPlan plan = testing_support::plan(8, 4, 2, 1);
  TrainingJob job = testing_support::make_job(2048, 64, plan);
  const TrainingEstimate kept = testing_support::estimate("gpt3-175b", cluster, job);
  job.plan.offload = {.optimizer = 1};
  const TrainingEstimate moved = testing_support::estimate("gpt3-175b", cluster, job);
  EXPECT_GT(moved.breakdown.offload_seconds, 0);
  EXPECT_DOUBLE_EQ(moved.breakdown.optimizer_seconds, 0);
  EXPECT_NEAR(moved.step_seconds - kept.step_seconds,
              moved.breakdown.offload_seconds - kept.breakdown.optimizer_seconds, 1e-9);
  EXPECT_DOUBLE_EQ(moved.memory.optimizer_bytes, 0);
  EXPECT_DOUBLE_EQ(moved.memory.host_optimizer_bytes, kept.memory.optimizer_bytes);
}

}  // namespace
}  // namespace stargate::detail
