// How a validation case's overlap modes are read (read_overlap_modes): explicit fields first, then the software
// (torchtitan async TP → decomposed, NeMo recipes → bulk userbuffers, Megatron-LM 2022 → wgrad, torchtitan FSDP
// under PP → once per step; Megatron-LM 2021-2022 → scatter/gather pipeline sends).
#include <gtest/gtest.h>

#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

std::string case_text(const std::string& id, const std::string& source, const std::string& parallelism) {
  return "cases:\n"
         "- id: " + id + "\n"
         "  source: " + source + "\n"
         "  model: {name: Llama-8B, arch: llama3, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336,\n"
         "          vocab: 128256, seq_len: 8192}\n"
         "  global_batch_size: 64\n"
         "  micro_batch_size: 1\n"
         "  gpu: H100-SXM5-80GB\n"
         "  num_gpus: 64\n"
         "  parallelism: {" + parallelism + ", activation_recompute: none}\n"
         "  precision: bf16\n"
         "  measured: {tokens_per_s_per_gpu: 1000}\n";
}

std::string note_of(const std::string& text) {
  const CaseResults r = validate_training_cases(text, "inline.yaml");
  EXPECT_TRUE(r.ok());
  if (!r.ok() || r.value().empty()) return "";
  EXPECT_FALSE(r.value()[0].skipped) << r.value()[0].skip_reason;
  return r.value()[0].note;
}

TEST(OverlapReadings, RecipeOverlapFollowsTheSoftware) {
  const std::string nemo = note_of(case_text("nemo-t", "NeMo docs", "tp: 4, pp: 2, dp: 8, sp: true, zero_stage: 1"));
  EXPECT_NE(nemo.find("TP communication overlapped: bulk"), std::string::npos) << nemo;
  const std::string titan = note_of(
      case_text("torchtitan-t-asynctp", "torchtitan", "tp: 4, pp: 2, dp: 8, sp: true, zero_stage: 'FSDP2'"));
  EXPECT_NE(titan.find("overlapped: decomposed (torchtitan async TP)"), std::string::npos) << titan;
  EXPECT_NE(titan.find("FSDP under PP: weights gathered once per step"), std::string::npos) << titan;
}

TEST(OverlapReadings, MegatronLmOf2022OverlapsGradientsAndSplitsPipelineSends) {
  // Korthikanti 2022 ran Megatron-LM of spring 2022: asynchronous gradient collectives and scatter/gather pipeline
  // sends; Narayanan 2021 predates the former; another source has neither.
  const std::string plan = "tp: 8, pp: 2, dp: 4, sp: false, zero_stage: 0";
  const std::string korthikanti = note_of(case_text("korthikanti22-t", "Korthikanti et al.", plan));
  EXPECT_NE(korthikanti.find("TP communication overlapped: wgrad"), std::string::npos) << korthikanti;
  EXPECT_NE(korthikanti.find("pipeline sends split over the TP ranks"), std::string::npos) << korthikanti;
  const std::string narayanan = note_of(case_text("megatron-sc21-t", "Narayanan et al.", plan));
  EXPECT_EQ(narayanan.find("TP communication overlapped"), std::string::npos) << narayanan;
  EXPECT_NE(narayanan.find("pipeline sends split over the TP ranks"), std::string::npos) << narayanan;
  const std::string other = note_of(case_text("someone-t", "a blog", plan));
  EXPECT_EQ(other.find("TP communication overlapped"), std::string::npos) << other;
  EXPECT_EQ(other.find("pipeline sends split"), std::string::npos) << other;
  // With sequence parallelism every rank sends its own shard: nothing to split, so no note.
  const std::string sp = note_of(case_text("korthikanti22-t", "Korthikanti et al.", "tp: 8, pp: 2, dp: 4, sp: true"));
  EXPECT_EQ(sp.find("pipeline sends split"), std::string::npos) << sp;
}

TEST(OverlapReadings, ExplicitFieldsWin) {
  const std::string titan = note_of(case_text(
      "torchtitan-t", "torchtitan",
      "tp: 4, pp: 2, dp: 8, sp: true, zero_stage: 'FSDP2', tp_comm_overlap: bulk, reshard_after_forward: true"));
  EXPECT_NE(titan.find("parallelism.tp_comm_overlap: read 'bulk' → bulk"), std::string::npos) << titan;
  EXPECT_NE(titan.find("parallelism.reshard_after_forward: read 'true' → per_micro_batch"), std::string::npos) << titan;
  EXPECT_EQ(titan.find("FSDP under PP"), std::string::npos) << titan;
}

}  // namespace
}  // namespace stargate
