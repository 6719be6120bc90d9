// Expert GEMM launches (docs/training-model.md "Expert GEMM launches"): Transformer Engine's GroupedLinear issues
// one GEMM per local expert from a host loop, so in eager mode a layer of small experts costs the experts' host
// floors, not the grouped kernel's device time; one grouped kernel pays one floor.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "sim/operator_timing.h"
#include "sim/training_fixture.h"
#include "stargate/mapping/fp8_recipe.h"
#include "stargate/scenario/scenario.h"

namespace stargate {
namespace {

using testing_support::make_cluster;
using testing_support::make_job;
using testing_support::plan;

const AcceleratorSpec& h100() { return *Catalog::builtin().find_accelerator("h100-sxm"); }

TEST(ExpertGemmLaunch, PerExpertLaunchesCostTheLargerOfTheirHostFloorsAndTheDeviceTime) {
  const KernelCostModel eager = KernelCostModel::for_device(h100());
  const KernelCostModel graphs = KernelCostModel::for_device(h100(), KernelCostOptions{.cuda_graphs = true});
  for (Dtype dtype : {Dtype::bf16, Dtype::fp8}) {
    SCOPED_TRACE(dtype_name(dtype));
    // A 1×1×1 GEMM is host-bound: its eager time is the GEMM kind's host floor.
    const double floor = eager.gemm_seconds(1, 1, 1, dtype);
    ASSERT_GT(floor, graphs.gemm_seconds(1, 1, 1, dtype));
    // 16 small experts (Qwen3-30B-A3B's up-projection: 2,048 rows of 2,048 → 1,536) and 4 large ones
    // (DeepSeek-V3's: 4,096 rows of 7,168 → 4,096).
    struct Shape { int groups; double m, n, k; };
    for (const Shape s : {Shape{16, 2048, 1536, 2048}, Shape{4, 4096, 4096, 7168}}) {
      const double device = graphs.grouped_gemm_seconds(s.groups, s.m, s.n, s.k, dtype);
      const double one = eager.grouped_gemm_seconds(s.groups, s.m, s.n, s.k, dtype);
      const double per = eager.grouped_gemm_seconds(s.groups, s.m, s.n, s.k, dtype, GroupedGemmLaunch::per_expert);
      EXPECT_DOUBLE_EQ(one, std::max(floor, device));
      EXPECT_DOUBLE_EQ(per, std::max(s.groups * floor, device));
      // Replayed as a CUDA graph, no launch is issued from the host: both are the device time.
      EXPECT_DOUBLE_EQ(graphs.grouped_gemm_seconds(s.groups, s.m, s.n, s.k, dtype, GroupedGemmLaunch::per_expert),
                       device);
    }
  }
  // The small experts are host-bound per expert, the large ones are not.
  EXPECT_GT(eager.grouped_gemm_seconds(16, 2048, 1536, 2048, Dtype::fp8, GroupedGemmLaunch::per_expert),
            eager.grouped_gemm_seconds(16, 2048, 1536, 2048, Dtype::fp8));
  EXPECT_DOUBLE_EQ(eager.grouped_gemm_seconds(4, 4096, 4096, 7168, Dtype::bf16, GroupedGemmLaunch::per_expert),
                   eager.grouped_gemm_seconds(4, 4096, 4096, 7168, Dtype::bf16));
}

TEST(ExpertGemmLaunch, PerExpertFp8CastsAreOneKernelPerExpertExceptDelayedScaling) {
  const KernelCostModel k = KernelCostModel::for_device(h100());
  Operator op;
  op.kind = OpKind::grouped_gemm;
  op.groups = 16;
  op.m = 2048;
  op.n = 1536;
  op.k = 2048;
  op.low_precision = true;
  const Fp8Recipe recipe = Fp8Recipe::te_current;
  const detail::OpTimes one = detail::time_operator(op, k, Dtype::fp8, nullptr, recipe);
  const detail::OpTimes per =
      detail::time_operator(op, k, Dtype::fp8, nullptr, recipe, GroupedGemmLaunch::per_expert);
  const Fp8RecipeCosts& r = fp8_recipe_costs(recipe);
  const double input_bytes = 16 * 2048 * 2048 * r.activation_cast_bytes_per_element;
  const double weight_bytes = r.weight_cast_per_micro_batch ? 16 * 2048 * 1536 * r.weight_cast_bytes_per_element : 0;
  auto casts = [&](double bytes, int kernels, int launches) {
    return bytes > 0 ? detail::cast_kernels_seconds(k, bytes, kernels * launches) : 0;
  };
  const double forward_gemm_delta = k.grouped_gemm_seconds(16, 2048, 1536, 2048, Dtype::fp8, GroupedGemmLaunch::per_expert) -
                                    k.grouped_gemm_seconds(16, 2048, 1536, 2048, Dtype::fp8);
  const double forward_cast_delta = casts(input_bytes, r.activation_cast_kernels, 16) -
                                    casts(input_bytes, r.activation_cast_kernels, 1) +
                                    casts(weight_bytes, r.weight_cast_kernels, 16) -
                                    casts(weight_bytes, r.weight_cast_kernels, 1);
  EXPECT_NEAR(per.forward - one.forward, forward_gemm_delta + forward_cast_delta, 1e-12);
  EXPECT_GT(per.backward, one.backward);
  // Delayed scaling quantizes every expert's slice in one fused multi-tensor kernel: only the GEMM launches differ.
  const detail::OpTimes one_delayed = detail::time_operator(op, k, Dtype::fp8, nullptr, Fp8Recipe::delayed);
  const detail::OpTimes per_delayed =
      detail::time_operator(op, k, Dtype::fp8, nullptr, Fp8Recipe::delayed, GroupedGemmLaunch::per_expert);
  EXPECT_NEAR(per_delayed.forward - one_delayed.forward, forward_gemm_delta, 1e-12);
}

TEST(ExpertGemmLaunch, SlowsSmallExpertTrainingAndLeavesDenseModelsAlone) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 16);
  const auto net = make_alpha_beta_collectives(cluster);
  const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
  auto step = [&](const char* model, ParallelPlan p, GroupedGemmLaunch launch) {
    return estimate_training_step(*ModelCatalog::builtin().find(model), cluster, make_job(2048, 512, p), kernels,
                                  *net, TrainingOptions{.moe_grouped_gemm = launch});
  };
  // One 2,048-token sequence per micro-batch: about 1,000 rows for each of a GPU's 16 experts, fp8 GEMMs of a
  // few µs each, under the host floor.
  ParallelPlan moe = plan(1, 2, 8, 1, 24);
  moe.ep = 8;
  moe.precision = Dtype::fp8;
  const TrainingEstimate one = step("qwen3-30b-a3b", moe, GroupedGemmLaunch::one_kernel);
  const TrainingEstimate per = step("qwen3-30b-a3b", moe, GroupedGemmLaunch::per_expert);
  const int gemm = static_cast<int>(OpClass::gemm);
  EXPECT_GT(per.breakdown.compute_seconds[gemm], one.breakdown.compute_seconds[gemm]);
  EXPECT_GT(per.step_seconds, one.step_seconds);
  const ParallelPlan dense = plan(2, 1, 8, 1);
  EXPECT_DOUBLE_EQ(step("llama3.1-8b", dense, GroupedGemmLaunch::per_expert).step_seconds,
                   step("llama3.1-8b", dense, GroupedGemmLaunch::one_kernel).step_seconds);
}

TEST(ExpertGemmLaunch, IsAScenarioSoftwareSetting) {
  const std::string base = R"(name: q
cluster: {accelerator: h100-sxm, gpus: 16}
model: qwen3-30b-a3b
training:
  global_batch: 512
  seq_len: 4096
  plan: {tp: 1, pp: 2, dp: 8, ep: 8, micro_batch: 2, vpp: 24}
)";
  Result<Scenario> plain = parse_scenario(base, "q.yaml");
  ASSERT_TRUE(plain.ok()) << plain.error().to_string();
  EXPECT_EQ(plain.value().training->moe_grouped_gemm, GroupedGemmLaunch::one_kernel);
  Result<Scenario> te = parse_scenario(base + "  moe_grouped_gemm: per_expert\n", "q.yaml");
  ASSERT_TRUE(te.ok()) << te.error().to_string();
  EXPECT_EQ(te.value().training->moe_grouped_gemm, GroupedGemmLaunch::per_expert);
  Result<Scenario> bad = parse_scenario(base + "  moe_grouped_gemm: loop\n", "q.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().to_string().find("q.yaml:8"), std::string::npos) << bad.error().to_string();
  EXPECT_NE(bad.error().to_string().find("moe_grouped_gemm"), std::string::npos) << bad.error().to_string();
}

}  // namespace
}  // namespace stargate
