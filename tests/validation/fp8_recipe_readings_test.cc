// How a validation case's fp8/fp4 recipe is read from its id and precision text (read_fp8_recipe): the named
// recipe, else the source's default, else `auto`; each reading is stated in the case's note.
#include <gtest/gtest.h>

#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

std::string case_text(const std::string& id, const std::string& source, const std::string& precision,
                      const std::string& gpu = "H100-SXM5-80GB") {
  return "cases:\n"
         "- id: " + id + "\n"
         "  source: " + source + "\n"
         "  model: {name: Llama-8B, arch: llama3, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336,\n"
         "          vocab: 128256, seq_len: 8192}\n"
         "  global_batch_size: 64\n"
         "  micro_batch_size: 1\n"
         "  gpu: " + gpu + "\n"
         "  num_gpus: 64\n"
         "  parallelism: {tp: 1, pp: 1, dp: 64, activation_recompute: full, zero_stage: 1}\n"
         "  precision: '" + precision + "'\n"
         "  measured: {tokens_per_s_per_gpu: 1000}\n";
}

std::string note_of(const std::string& text) {
  const CaseResults r = validate_training_cases(text, "inline.yaml");
  EXPECT_TRUE(r.ok());
  if (!r.ok() || r.value().empty()) return "";
  EXPECT_FALSE(r.value()[0].skipped) << r.value()[0].skip_reason;
  return r.value()[0].note;
}

struct Reading {
  const char* id;
  const char* source;
  const char* precision;
  const char* expected;  // part of the case's note
};

TEST(Fp8RecipeReadings, TheNamedRecipeThenTheSourceDefaultThenAuto) {
  const Reading readings[] = {
      {"x-float8-rowwise", "some blog", "BF16 + Float8 (rowwise) linears", "→ rowwise fp8 recipe (the case names 'rowwise')"},
      {"x-tensorwise", "some blog", "Float8 tensorwise", "→ current fp8 recipe (the case names 'tensorwise')"},
      {"x-fp8-cs", "some blog", "FP8-CS", "→ current fp8 recipe (the case names '-cs')"},
      {"x-fp8cs", "some blog", "fp8 current scaling", "→ current fp8 recipe (the case names 'current')"},
      {"x-block", "some blog", "FP8 blockwise (1x128, 128x128)", "→ blockwise fp8 recipe (the case names 'blockwise')"},
      {"x-hybrid", "some blog", "fp8 hybrid", "→ delayed fp8 recipe (the case names 'hybrid')"},
      {"nemo-x", "NeMo docs", "FP8", "→ delayed fp8 recipe (source default: Megatron-Core"},
      {"torchtitan-x", "torchtitan", "BF16 + Float8 linears", "→ current fp8 recipe (source default: torchtitan"},
      // Current scaling in a Transformer Engine framework is TE's Float8CurrentScaling, not torchao's recipe.
      {"mbridge-x-fp8-cs", "Megatron-Bridge", "FP8-CS",
       "→ te_current fp8 recipe (the case names '-cs'; current scaling in Transformer Engine (Float8CurrentScaling))"},
      {"nemo-z", "NeMo docs", "FP8 tensorwise", "→ te_current fp8 recipe (the case names 'tensorwise'"},
      {"torchtitan-y", "torchtitan", "Float8 tensorwise", "→ current fp8 recipe (the case names 'tensorwise')"},
      {"x-plain", "some blog", "FP8", "→ fp8 recipe auto, seed delayed (recipe not stated)"},
      {"nemo-y", "NeMo docs", "FP8 (recipe default)", "→ fp8 recipe auto, seed delayed"},
  };
  for (const Reading& r : readings) {
    const std::string note = note_of(case_text(r.id, r.source, r.precision));
    EXPECT_NE(note.find(r.expected), std::string::npos) << r.id << ": " << note;
  }
}

TEST(Fp8RecipeReadings, BlackwellRecipesNeedBlackwell) {
  const std::string mx = note_of(case_text("x-mxfp8", "some blog", "MXFP8", "B200"));
  EXPECT_NE(mx.find("→ mxfp8 fp8 recipe"), std::string::npos) << mx;
  const std::string fp4 = note_of(case_text("x-nvfp4", "some blog", "NVFP4", "B200"));
  EXPECT_NE(fp4.find("→ nvfp4 recipe"), std::string::npos) << fp4;
  // MXFP8 on an H100 cannot run: the case is skipped with the plan check's reason.
  const CaseResults r = validate_training_cases(case_text("x-mxfp8-h100", "some blog", "MXFP8"), "inline.yaml");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().size(), 1u);
  EXPECT_TRUE(r.value()[0].skipped);
  EXPECT_NE(r.value()[0].skip_reason.find("Blackwell"), std::string::npos) << r.value()[0].skip_reason;
}

}  // namespace
}  // namespace stargate
