// Low-precision recipes (mapping/fp8_recipe.h): the casts of one GEMM under each recipe derived by hand, the
// rowwise recipe losing to tensorwise where casts dominate, and the recipes' memory effects.
#include <gtest/gtest.h>

#include "sim/operator_timing.h"
#include "stargate/mapping/low_precision_memory.h"
#include "training_fixture.h"

namespace stargate::detail {
namespace {

using testing_support::make_cluster;

Operator gemm(double m, double n, double k) {
  return Operator{.name = "linear", .kind = OpKind::gemm, .op_class = OpClass::gemm, .m = m, .n = n, .k = k};
}

struct CastCase {
  Fp8Recipe recipe;
  const char* accelerator;
  const char* node;
  Dtype gemm_dtype;
  // Hand-derived bytes per element (bf16 read 2, fp8 write 1, fp4 write 0.5, scales per block) and kernel counts.
  double input_bytes, gradient_bytes, weight_bytes;
  int input_kernels, gradient_kernels, weight_kernels;
  bool weight_every_micro_batch;
  // A scaling pass after each backward GEMM (read + write its bf16 output): torchao rowwise's slow-accumulation
  // backward runs the tensorwise kernel and rescales (pytorch/ao#1325).
  double backward_rescale_bytes = 0;
};

TEST(Fp8Recipe, CastsOfOneGemmAreTheRecipesBytesAndKernels) {
  const CastCase cases[] = {
      // cast_transpose: read 2, write the fp8 copy and its transpose.
      {Fp8Recipe::delayed, "h100-sxm", "dgx-h100", Dtype::fp8, 2 + 1 + 1, 4, 4, 1, 1, 1, false},
      // amax (2) + cast writing both layouts (4); weight amax + two casts (2 + 3 + 3); three and four kernels.
      {Fp8Recipe::current, "h100-sxm", "dgx-h100", Dtype::fp8, 6, 6, 8, 3, 3, 4, true},
      // (2 + 1 + 2) + (2 + 1); weight (2 + 1) + (2 + 2) + (2 + 1).
      {Fp8Recipe::rowwise, "h100-sxm", "dgx-h100", Dtype::fp8, 8, 8, 10, 2, 2, 3, true, 2 + 2},
      // one read, two fp8 layouts, an fp32 scale per 128 for each; weights one scale per 128x128.
      {Fp8Recipe::blockwise, "h100-sxm", "dgx-h100", Dtype::fp8, 2 + 2 * (1 + 4.0 / 128), 4.0625,
       4 + 4.0 / 16384, 1, 1, 1, false},
      // one read, two fp8 layouts, an E8M0 byte per 32 for each.
      {Fp8Recipe::mxfp8, "b200", "dgx-b200", Dtype::fp8, 2 + 2 * (1 + 1.0 / 32), 4.0625, 4.0625, 1, 1, 1, false},
      // TE current scaling: zero amax, amax pass (2), scale, cast_transpose (2 + 1 + 1): four kernels; weights
      // cached per step as delayed's.
      {Fp8Recipe::te_current, "h100-sxm", "dgx-h100", Dtype::fp8, 6, 6, 6, 4, 4, 4, false},
      // amax (2) + one read writing two fp4 layouts with an E4M3 byte per 16; weight 2-D 16x16 blocks.
      {Fp8Recipe::nvfp4, "b200", "dgx-b200", Dtype::fp4, 2 + 2 + 2 * (0.5 + 1.0 / 16), 5.125,
       2 + 2 + 1 + 1.0 / 256, 2, 2, 2, false},
  };
  const double m = 8192, n = 4096, k = 4096;
  for (const CastCase& c : cases) {
    const Cluster cluster = make_cluster(c.accelerator, c.node, 8);
    const KernelCostModel kernels = KernelCostModel::for_device(cluster.accelerator);
    const Dtype precision = c.gemm_dtype;
    const OpTimes t = time_operator(gemm(m, n, k), kernels, precision, nullptr, c.recipe);
    const double weight = c.weight_every_micro_batch ? cast_kernels_seconds(kernels, k * n * c.weight_bytes,
                                                                            c.weight_kernels)
                                                     : 0;
    const double forward = kernels.gemm_seconds(m, n, k, c.gemm_dtype) +
                           cast_kernels_seconds(kernels, m * k * c.input_bytes, c.input_kernels) + weight;
    const double backward = kernels.gemm_seconds(m, k, n, c.gemm_dtype) + kernels.gemm_seconds(k, n, m, c.gemm_dtype) +
                            cast_kernels_seconds(kernels, m * n * c.gradient_bytes, c.gradient_kernels) +
                            (c.backward_rescale_bytes > 0
                                 ? kernels.memory_bound_seconds(m * k * c.backward_rescale_bytes) +   // dX: m×k
                                       kernels.memory_bound_seconds(k * n * c.backward_rescale_bytes)  // dW: k×n
                                 : 0);
    EXPECT_NEAR(t.forward, forward, 1e-12 * forward) << fp8_recipe_name(c.recipe);
    EXPECT_NEAR(t.backward, backward, 1e-12 * backward) << fp8_recipe_name(c.recipe);
  }
}

TEST(Fp8Recipe, KernelsSplitTheBytesAndEachPaysItsFixedCost) {
  const KernelCostModel kernels = KernelCostModel::for_device(make_cluster("h100-sxm", "dgx-h100", 8).accelerator);
  EXPECT_DOUBLE_EQ(cast_kernels_seconds(kernels, 3e6, 3), 3 * kernels.memory_bound_seconds(1e6));
  EXPECT_GT(cast_kernels_seconds(kernels, 3e6, 3), cast_kernels_seconds(kernels, 3e6, 1));
  EXPECT_EQ(cast_kernels_seconds(kernels, 0, 2), 0);
}

double linear_seconds(const Operator& op, Dtype precision, Fp8Recipe recipe) {
  const KernelCostModel kernels = KernelCostModel::for_device(make_cluster("h100-sxm", "dgx-h100", 8).accelerator);
  const OpTimes t = time_operator(op, kernels, precision, nullptr, recipe);
  return t.forward + t.backward;
}

TEST(Fp8Recipe, RowwiseLosesToTensorwiseAndToBf16WhereCastsDominate) {
  // A small model's linear layer (4k tokens, 2048 wide): the fp8 GEMMs save less than rowwise's casts cost, 8-10 B
  // per element against tensorwise's 6-8 B (large enough that bytes, not kernel launches, set the cast times).
  const Operator small = gemm(4096, 2048, 2048);
  const double bf16 = linear_seconds(small, Dtype::bf16, Fp8Recipe::delayed);
  const double tensorwise = linear_seconds(small, Dtype::fp8, Fp8Recipe::current);
  const double rowwise = linear_seconds(small, Dtype::fp8, Fp8Recipe::rowwise);
  EXPECT_GT(rowwise, tensorwise);
  EXPECT_GT(rowwise, bf16);
  // A large one (16k tokens, 8192 wide): the fp8 GEMMs outweigh every recipe's casts.
  const Operator large = gemm(16384, 8192, 8192);
  const double large_bf16 = linear_seconds(large, Dtype::bf16, Fp8Recipe::delayed);
  for (Fp8Recipe r : {Fp8Recipe::delayed, Fp8Recipe::current, Fp8Recipe::rowwise, Fp8Recipe::blockwise}) {
    EXPECT_LT(linear_seconds(large, Dtype::fp8, r), large_bf16) << fp8_recipe_name(r);
  }
  EXPECT_GT(linear_seconds(large, Dtype::fp8, Fp8Recipe::rowwise), linear_seconds(large, Dtype::fp8, Fp8Recipe::current));
  EXPECT_GT(linear_seconds(large, Dtype::fp8, Fp8Recipe::current), linear_seconds(large, Dtype::fp8, Fp8Recipe::delayed));
  // TE's current scaling pays the amax passes but keeps its cast weights: between delayed and torchao's.
  const double te = linear_seconds(large, Dtype::fp8, Fp8Recipe::te_current);
  EXPECT_GT(te, linear_seconds(large, Dtype::fp8, Fp8Recipe::delayed));
  EXPECT_LT(te, linear_seconds(large, Dtype::fp8, Fp8Recipe::current));
}

TEST(Fp8Recipe, BfloatOperatorsIgnoreTheRecipe) {
  Operator logits = gemm(4096, 32000, 4096);
  logits.low_precision = false;
  EXPECT_DOUBLE_EQ(linear_seconds(logits, Dtype::fp8, Fp8Recipe::rowwise),
                   linear_seconds(logits, Dtype::bf16, Fp8Recipe::delayed));
}

TEST(Fp8Recipe, AnUncalibratedGemmKernelIsNamedInTheEstimatesNotes) {
  const Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 8);
  auto notes_of = [&](Fp8Recipe recipe) {
    ParallelPlan p = testing_support::plan(1, 1, 8, 1);
    p.zero_stage = 3;
    p.precision = Dtype::fp8;
    p.fp8_recipe = recipe;
    std::string all;
    for (const std::string& n : testing_support::estimate("llama3-8b", cluster, testing_support::make_job(4096, 16, p)).notes) {
      all += n + "\n";
    }
    return all;
  };
  EXPECT_NE(notes_of(Fp8Recipe::rowwise).find("rowwise recipe GEMMs: CUTLASS rowwise-scaled fp8 GEMM forward (not calibrated"),
            std::string::npos);
  EXPECT_NE(notes_of(Fp8Recipe::blockwise).find("blockwise recipe GEMMs:"), std::string::npos);
  EXPECT_EQ(notes_of(Fp8Recipe::delayed).find("recipe GEMMs"), std::string::npos);  // the calibrated kernel
}

TEST(Fp8RecipeMemory, CachedWeightCopiesAndLowPrecisionSavedInputs) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  ParallelPlan p = testing_support::plan(1, 1, 8, 1);
  p.recompute = Recompute::none;
  p.precision = Dtype::fp8;
  const double linear = low_precision_weight_parameters(m, p, 0);
  // Llama 3 8B: 32 layers of attention (4096·(4096 + 2·1024 + 4096)) and SwiGLU FFN (3·4096·14336), plus norms.
  EXPECT_NEAR(linear, 32 * (4096.0 * (4096 + 2 * 1024 + 4096) + 3 * 4096.0 * 14336 + 2 * 4096), 1);
  EXPECT_DOUBLE_EQ(cached_low_precision_weight_bytes(m, p, 0), 2 * linear);  // fp8 copy and its transpose
  p.fp8_recipe = Fp8Recipe::current;
  EXPECT_EQ(cached_low_precision_weight_bytes(m, p, 0), 0);  // torchao re-casts every forward
  p.fp8_recipe = Fp8Recipe::te_current;
  EXPECT_DOUBLE_EQ(cached_low_precision_weight_bytes(m, p, 0), 2 * linear);  // TE caches them whatever the recipe
  p.fp8_recipe = Fp8Recipe::delayed;
  p.zero_stage = 3;
  EXPECT_EQ(cached_low_precision_weight_bytes(m, p, 0), 0);  // ZeRO-3 re-gathers the weights

  // Saved inputs, 8192 tokens, tp 1: QKV and FFN inputs 2·4096, projection input 4096, down input 14336 per token;
  // delayed keeps them in 1 B instead of 2.
  p.zero_stage = 1;
  const LayerShard shard{.tp = 1, .cp = 1, .ep = 1, .sequence_parallel = false, .micro_batch = 1, .seq_len = 8192};
  EXPECT_DOUBLE_EQ(low_precision_saved_input_savings_bytes(m, shard, 0, p), 8192.0 * (2 * 4096 + 4096 + 14336));
  p.fp8_recipe = Fp8Recipe::current;  // torchao saves the bf16 input
  EXPECT_EQ(low_precision_saved_input_savings_bytes(m, shard, 0, p), 0);
  p.fp8_recipe = Fp8Recipe::te_current;  // TE keeps the fp8 columnwise copy
  EXPECT_DOUBLE_EQ(low_precision_saved_input_savings_bytes(m, shard, 0, p), 8192.0 * (2 * 4096 + 4096 + 14336));
  p.fp8_recipe = Fp8Recipe::delayed;
  p.recompute = Recompute::full;  // only the layer input is kept
  EXPECT_EQ(low_precision_saved_input_savings_bytes(m, shard, 0, p), 0);
  p.recompute = Recompute::none;
  p.precision = Dtype::bf16;
  EXPECT_EQ(low_precision_saved_input_savings_bytes(m, shard, 0, p), 0);
}

}  // namespace
}  // namespace stargate::detail
