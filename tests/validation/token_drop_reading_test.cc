// How a MoE validation case's token dropping is read (read_token_drop): an explicit
// parallelism.expert_capacity_factor first, then "tokendrop" in the notes, table or id (Megatron-Bridge's
// apply_moe_token_drop: capacity 1.0 padded to capacity); dense models are never touched.
#include <gtest/gtest.h>

#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

std::string moe_case(const std::string& parallelism_extra, const std::string& notes, bool moe = true) {
  return "cases:\n"
         "- id: mbridge-t\n"
         "  source: NVIDIA-NeMo/Megatron-Bridge docs/performance-summary.md\n"
         "  model: {name: Qwen3-30B-A3B, arch: moe-gqa, layers: 48, hidden: 2048, heads: 32, kv_heads: 4, ffn: 768,\n"
         "          vocab: 151936, seq_len: 4096, head_dim: 128" +
         std::string(moe ? ",\n          moe: {routed_experts: 128, top_k: 8, expert_ffn: 768, shared_experts: 0}" : "") +
         "}\n"
         "  global_batch_size: 512\n"
         "  micro_batch_size: 2\n"
         "  gpu: H100-SXM5-80GB\n"
         "  num_gpus: 16\n"
         "  parallelism: {tp: 1, pp: 2, dp: 8, cp: 1, ep: " + std::string(moe ? "8" : "1") + ", vpp: 24, " +
         "activation_recompute: none" + parallelism_extra + "}\n"
         "  precision: bf16\n"
         "  notes: '" + notes + "'\n"
         "  measured: {tokens_per_s_per_gpu: 10000}\n";
}

CaseResult only_case(const std::string& text) {
  const CaseResults r = validate_training_cases(text, "inline.yaml");
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  if (!r.ok() || r.value().empty()) return {};
  EXPECT_FALSE(r.value()[0].skipped) << r.value()[0].skip_reason;
  return r.value()[0];
}

TEST(TokenDropReading, TokendropInTheNotesMeansCapacityOnePaddedToCapacity) {
  const CaseResult drop = only_case(moe_case("", "MoE runs force-balance token routing. tokendrop"));
  EXPECT_NE(drop.note.find("notes: read 'tokendrop' → token drop, capacity factor 1, padded to capacity"),
            std::string::npos) << drop.note;
  const CaseResult dropless = only_case(moe_case("", "MoE runs force-balance token routing."));
  EXPECT_EQ(dropless.note.find("token drop"), std::string::npos) << dropless.note;
  // Padded capacity: no random-routing imbalance, so the dropped run is the faster prediction.
  EXPECT_GT(drop.predicted, dropless.predicted);
}

TEST(TokenDropReading, AnExplicitCapacityFactorBeatsTheProse) {
  const CaseResult explicit_dropless = only_case(moe_case(", expert_capacity_factor: 0", "tokendrop"));
  EXPECT_NE(explicit_dropless.note.find("parallelism.expert_capacity_factor: read '0' → dropless (explicit number)"),
            std::string::npos) << explicit_dropless.note;
  EXPECT_EQ(explicit_dropless.note.find("token drop"), std::string::npos) << explicit_dropless.note;
  // An impossible factor skips the case with the located error.
  const CaseResults bad = validate_training_cases(moe_case(", expert_capacity_factor: -2", ""), "inline.yaml");
  ASSERT_TRUE(bad.ok());
  ASSERT_EQ(bad.value().size(), 1u);
  EXPECT_TRUE(bad.value()[0].input_error);
  EXPECT_NE(bad.value()[0].skip_reason.find("parallelism.expert_capacity_factor"), std::string::npos)
      << bad.value()[0].skip_reason;
}

TEST(TokenDropReading, DenseModelsIgnoreIt) {
  const CaseResult dense = only_case(moe_case("", "tokendrop", false));
  EXPECT_EQ(dense.note.find("token drop"), std::string::npos) << dense.note;
}

}  // namespace
}  // namespace stargate
