// The workload layer's operator list, checked against counts derived by hand from the model's shape.
#include <gtest/gtest.h>

#include <vector>

#include "stargate/workload/layer_operators.h"
#include "stargate/workload/model.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

double forward_gemm_flops(const std::vector<Operator>& ops) {
  double flops = 0;
  for (const Operator& op : ops) {
    if (op.kind == OpKind::gemm || op.kind == OpKind::grouped_gemm) flops += op.forward_flops();
  }
  return flops;
}

std::vector<Operator> dense_layer(const ModelSpec& m, int tp, double seq_len) {
  LayerShard shard;
  shard.tp = tp;
  shard.seq_len = seq_len;
  std::vector<Operator> ops;
  append_layer_operators(m, shard, 0, ops);
  return ops;
}

TEST(LayerOperators, DenseLayerGemmFlopsAreTwicePerTokenMatmulParameters) {
  // Llama 3 8B: hidden 4096, 32 heads, 8 KV heads of 128, SwiGLU FFN 14336. Matmul parameters of one layer:
  // QKV 4096·(4096 + 2·1024) + output 4096·4096 + gate/up/down 3·4096·14336 = 218,103,808.
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  const double seq_len = 2048;
  EXPECT_DOUBLE_EQ(forward_gemm_flops(dense_layer(m, 1, seq_len)), 2 * seq_len * 218103808.0);
}

TEST(LayerOperators, TensorParallelismDividesEveryGemm) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  EXPECT_DOUBLE_EQ(forward_gemm_flops(dense_layer(m, 4, 4096)) * 4, forward_gemm_flops(dense_layer(m, 1, 4096)));
}

TEST(LayerOperators, BackwardGemmIsTwiceForward) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  for (const Operator& op : dense_layer(m, 2, 1024)) {
    if (op.kind != OpKind::gemm) continue;
    EXPECT_DOUBLE_EQ(op.backward_flops(), 2 * op.forward_flops()) << op.name;
  }
}

TEST(LayerOperators, SelectiveOpsRecomputesAFractionOfEveryOperator) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  const std::vector<Operator> ops = dense_layer(m, 1, 2048);
  const std::vector<double> rerun = selective_ops_recompute_fractions(ops);
  ASSERT_EQ(rerun.size(), ops.size());
  for (size_t i = 0; i < ops.size(); ++i) {
    EXPECT_GE(rerun[i], 0.0) << ops[i].name;
    EXPECT_LE(rerun[i], 1.0) << ops[i].name;
    if (ops[i].kind == OpKind::attention) {
      EXPECT_EQ(rerun[i], 0.0) << "attention is kept, not re-run";
    }
  }
}

TEST(ExpertLoadImbalance, IsOneWithoutExpertParallelismAndShrinksWithMoreTokens) {
  EXPECT_DOUBLE_EQ(expected_expert_load_imbalance(4096, 2, 8, 1), 1.0);
  const double few = expected_expert_load_imbalance(1024, 8, 256, 64);
  const double many = expected_expert_load_imbalance(1024 * 1024, 8, 256, 64);
  EXPECT_GE(few, many);
  EXPECT_GE(many, 1.0);
}

TEST(ParameterCount, ActiveEqualsTotalForDenseModels) {
  const ModelSpec& m = *ModelCatalog::builtin().find("llama3-8b");
  const ParameterCount c = count_parameters(m);
  EXPECT_DOUBLE_EQ(c.active(m), c.total());
  EXPECT_EQ(c.experts, 0.0);
}

}  // namespace
}  // namespace stargate
