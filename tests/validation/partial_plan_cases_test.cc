// Partial plans in validation cases: a field the publication leaves unknown is completed (a stated value seeds
// it and is kept when it fits), an explicit numeric field beats prose in another field, and every reading is
// written in the case's note.
#include <gtest/gtest.h>

#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

// A generic-source Llama-8B case on 8 H100; `parallelism` and `micro_batch` vary.
std::string llama_case(const std::string& parallelism, const std::string& micro_batch) {
  return "cases:\n"
         "- id: paper-partial-1\n"
         "  source: Some 2026 paper\n"
         "  model: {name: L, arch: llama, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336,\n"
         "          vocab: 128256, seq_len: 4096}\n"
         "  global_batch_size: 64\n"
         "  micro_batch_size: " + micro_batch + "\n"
         "  gpu: H100-SXM5-80GB\n"
         "  num_gpus: 8\n"
         "  parallelism: " + parallelism + "\n"
         "  precision: bf16\n"
         "  measured: {iteration_time_s: 5}\n";
}

const CaseResult& only_case(const CaseResults& r) {
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.value().size(), 1u);
  return r.value()[0];
}

TEST(PartialPlanCases, UnknownMicroBatchIsCompletedAndPredicted) {
  // Before partial plans a micro_batch_size that is not a number made the case unreadable. (TP 2: at TP 1 even
  // micro-batch 1 needs 78 GiB, beyond the 76 GiB usable once the allocator headroom is kept free.)
  CaseResults r = validate_training_cases(llama_case("{tp: 2, pp: 1, dp: 4, zero_stage: 1}", "unknown"), "x.yaml");
  const CaseResult& c = only_case(r);
  EXPECT_FALSE(c.skipped) << c.skip_reason;
  EXPECT_GT(c.predicted, 0);
  EXPECT_NE(c.note.find("micro_batch_size: read 'unknown' → auto"), std::string::npos) << c.note;
  EXPECT_NE(c.note.find("completion: micro_batch="), std::string::npos) << c.note;
}

TEST(PartialPlanCases, StatedLikelyValueIsKeptWhenItFits) {
  // vpp "likely 2" on a pp-4 plan: the seed 2 fits, so the recipe's value is kept over any faster choice.
  CaseResults r = validate_training_cases(
      llama_case("{tp: 1, pp: 4, dp: 2, zero_stage: 1, vpp: likely 2}", "1"), "x.yaml");
  const CaseResult& c = only_case(r);
  EXPECT_FALSE(c.skipped) << c.skip_reason;
  EXPECT_NE(c.note.find("completion: vpp=2 (the stated seed, which fits"), std::string::npos) << c.note;
}

TEST(PartialPlanCases, ExplicitFsdpZeroBeatsFsdpProse) {
  // The prose names FSDP only as a condition; the explicit fsdp: 0 decides: distributed optimizer = ZeRO-1.
  const std::string prose = "{tp: 1, pp: 1, dp: 8, fsdp: 0, zero_stage: 'distributed optimizer unless FSDP=1'}";
  CaseResults r = validate_training_cases(llama_case(prose, "1"), "x.yaml");
  const CaseResult& c = only_case(r);
  EXPECT_FALSE(c.skipped) << c.skip_reason;
  EXPECT_NE(c.note.find("→ ZeRO-1"), std::string::npos) << c.note;
  EXPECT_EQ(c.note.find("→ ZeRO-3"), std::string::npos) << c.note;
  // And an explicit fsdp: 1 turns the same prose into ZeRO-3.
  const std::string on = "{tp: 1, pp: 1, dp: 8, fsdp: 1, zero_stage: 'distributed optimizer unless FSDP=1'}";
  const CaseResults sharded_results = validate_training_cases(llama_case(on, "1"), "x.yaml");
  const CaseResult& sharded = only_case(sharded_results);
  EXPECT_NE(sharded.note.find("→ ZeRO-3 (explicit field"), std::string::npos) << sharded.note;
}

TEST(PartialPlanCases, RecipeDefaultRecomputeIsTheSourcesDocumentedDefault) {
  // "recipe default" is not a free knob: the generic source's documented default (none) is used, not searched.
  CaseResults r = validate_training_cases(
      llama_case("{tp: 1, pp: 1, dp: 8, zero_stage: 1, activation_recompute: recipe default (not stated)}", "1"),
      "x.yaml");
  const CaseResult& c = only_case(r);
  EXPECT_FALSE(c.skipped) << c.skip_reason;
  EXPECT_NE(c.note.find("→ none (source default"), std::string::npos) << c.note;
  EXPECT_EQ(c.note.find("completion:"), std::string::npos) << c.note;
}

}  // namespace
}  // namespace stargate
