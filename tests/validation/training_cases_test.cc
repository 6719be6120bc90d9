// The training.yaml reader on small inline cases: a known configuration, a plan that fails its checks, an
// unknown GPU, a source default applied, and files outside the schema.
#include <gtest/gtest.h>

#include "stargate/validation/case_result.h"

namespace stargate {
namespace {

// Korthikanti et al. 2022 Table 5, 22B with selective recompute + sequence parallelism (published 1.10 s).
std::string one_case(const std::string& id, const std::string& gpu, int gpus, const std::string& extra = "") {
  return "cases:\n"
         "- id: " + id + "\n"
         "  source: Korthikanti et al. 2022\n"
         "  model: {name: GPT-22B, arch: gpt-dense, layers: 48, hidden: 6144, heads: 64, kv_heads: 64, ffn: 24576,\n"
         "          vocab: 51200, seq_len: 2048}\n"
         "  global_batch_size: 4\n"
         "  micro_batch_size: 4\n"
         "  gpu: " + gpu + "\n"
         "  num_gpus: " + std::to_string(gpus) + "\n"
         "  parallelism: {tp: 8, pp: 1, dp: 1, cp: 1, sp: true, ep: 1, vpp: 1, zero_stage: 0,\n"
         "                activation_recompute: " + (extra.empty() ? "selective" : extra) + "}\n"
         "  precision: mixed\n"
         "  measured: {iteration_time_s: 1.10}\n";
}

TEST(TrainingCases, KnownConfigurationIsPredictedInASaneRange) {
  CaseResults r = validate_training_cases(one_case("korthikanti22-test", "A100-SXM4-80GB", 8), "inline.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r.value().size(), 1u);
  const CaseResult& c = r.value()[0];
  EXPECT_FALSE(c.skipped) << c.skip_reason;
  EXPECT_EQ(c.source, "Korthikanti 2022");
  EXPECT_EQ(c.metric, "iteration_time_s");
  EXPECT_DOUBLE_EQ(c.measured, 1.10);
  // 6·22e9·8192 tokens ≈ 1.1 PFLOP (+ recompute) on 8 × 312 TFLOP/s: between 0.5 s (90% MFU) and 2 s (20%).
  EXPECT_GT(c.predicted, 0.5);
  EXPECT_LT(c.predicted, 2.0);
  EXPECT_NE(c.note.find("bf16 assumed"), std::string::npos) << c.note;
  EXPECT_NE(c.note.find("no FlashAttention"), std::string::npos) << c.note;
}

TEST(TrainingCases, BreakdownPartsSumToThePredictedStep) {
  CaseResults r = validate_training_cases(one_case("korthikanti22-test", "A100-SXM4-80GB", 8), "inline.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const CaseResult& c = r.value()[0];
  double parts = 0, step = 0;
  for (const auto& [name, seconds] : c.breakdown_seconds) (name == "step" ? step : parts) += seconds;
  EXPECT_NEAR(c.predicted, step, 1e-12);  // the metric is the iteration time
  EXPECT_NEAR(parts, step, 1e-9 * step);
}

TEST(TrainingCases, OperatorLevelCheckpointingIsRecognized) {
  CaseResults sac = validate_training_cases(one_case("t-sac", "A100-SXM4-80GB", 8, "selective (op-level SAC)"), "x");
  CaseResults sel = validate_training_cases(one_case("t-sel", "A100-SXM4-80GB", 8, "selective"), "x");
  ASSERT_TRUE(sac.ok() && sel.ok());
  // Operator-level checkpointing re-runs matmuls and elementwise ops: slower than attention-only recompute.
  EXPECT_GT(sac.value()[0].predicted, sel.value()[0].predicted);
}

TEST(TrainingCases, PlanThatFailsItsCheckIsSkippedWithTheReason) {
  // tp·pp·dp·cp = 8 but the case says 16 GPUs.
  CaseResults r = validate_training_cases(one_case("korthikanti22-bad", "A100-SXM4-80GB", 16), "inline.yaml");
  ASSERT_TRUE(r.ok());
  const CaseResult& c = r.value()[0];
  EXPECT_TRUE(c.skipped);
  EXPECT_NE(c.skip_reason.find("plan rejected"), std::string::npos) << c.skip_reason;
  EXPECT_NE(c.skip_reason.find("16"), std::string::npos) << c.skip_reason;
}

TEST(TrainingCases, EveryCatalogGpuFamilyIsRecognized) {
  // Cases from other hardware are predicted, not skipped; the note says what was assumed where it matters.
  for (const char* gpu : {"H200-SXM-141GB", "H800-SXM-80GB", "DGX-B200", "GB200 NVL72", "GB300 NVL72", "B300",
                          "MI300X", "MI325X", "AMD Instinct MI355X", "GH200", "H100 NVL", "H100-SXM5-80GB, RoCE 400G",
                          "V100-SXM2-32GB"}) {
    CaseResults r = validate_training_cases(one_case("korthikanti22-hw", gpu, 8), "inline.yaml");
    ASSERT_TRUE(r.ok()) << gpu;
    const CaseResult& c = r.value()[0];
    EXPECT_FALSE(c.skipped) << gpu << ": " << c.skip_reason;
    EXPECT_GT(c.predicted, 0) << gpu;
  }
  CaseResults roce = validate_training_cases(one_case("korthikanti22-hw", "H100-SXM5-80GB, RoCE 400G", 8), "x");
  EXPECT_NE(roce.value()[0].note.find("RoCE"), std::string::npos) << roce.value()[0].note;
}

TEST(TrainingCases, AnotherSourceIsPredictedOnWhicheverMetricItPublishes) {
  // A source with no rule of its own, recompute not stated, publishing only MFU or only total tokens/s.
  auto generic = [](const std::string& measured) {
    return "cases:\n"
           "- id: paper-x-1\n"
           "  source: Some 2026 paper\n"
           "  model: {name: L, arch: llama, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336,\n"
           "          vocab: 128256, seq_len: 8192}\n"
           "  global_batch_size: 64\n"
           "  micro_batch_size: 1\n"
           "  gpu: H100-SXM5-80GB\n"
           "  num_gpus: 64\n"
           "  parallelism: {tp: 1, pp: 1, dp: 64, zero_stage: 1}\n"
           "  precision: bf16\n"
           "  measured: {" + measured + "}\n";
  };
  CaseResults mfu = validate_training_cases(generic("mfu_pct: 40"), "x.yaml");
  CaseResults tokens = validate_training_cases(generic("tokens_per_s: 500000"), "x.yaml");
  CaseResults hfu = validate_training_cases(generic("hfu_pct: 40"), "x.yaml");
  ASSERT_TRUE(mfu.ok() && tokens.ok() && hfu.ok());
  for (const CaseResults* r : {&mfu, &tokens, &hfu}) {
    const CaseResult& c = r->value()[0];
    EXPECT_FALSE(c.skipped) << c.skip_reason;
    EXPECT_EQ(c.source, "other");
    EXPECT_NE(c.note.find("recompute not stated: none"), std::string::npos) << c.note;
  }
  EXPECT_EQ(mfu.value()[0].metric, "mfu_pct");
  EXPECT_EQ(tokens.value()[0].metric, "tokens_per_s");
  // No recompute: hardware FLOPs = model FLOPs, so HFU equals MFU; tokens/s is the whole job's.
  EXPECT_NEAR(hfu.value()[0].predicted, mfu.value()[0].predicted, 1e-9);
  EXPECT_GT(tokens.value()[0].predicted, 64 * 1000.0);
  EXPECT_GT(mfu.value()[0].predicted, 10);
  EXPECT_LT(mfu.value()[0].predicted, 80);
}

TEST(TrainingCases, UnstatedDataParallelismTakesTheRemainingGpus) {
  const std::string base =
      "cases:\n"
      "- id: paper-y-1\n"
      "  source: Another paper\n"
      "  model: {name: L, arch: llama, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336,\n"
      "          vocab: 128256, seq_len: 4096}\n"
      "  global_batch_size: 256\n"
      "  micro_batch_size: 1\n"
      "  gpu: H100-SXM5-80GB\n"
      "  num_gpus: 64\n"
      "  precision: bf16\n"
      "  measured: {iteration_time_s: 5}\n";
  CaseResults no_plan = validate_training_cases(base, "x.yaml");
  CaseResults tp_only = validate_training_cases(base + "  parallelism: {tp: 8}\n", "x.yaml");
  ASSERT_TRUE(no_plan.ok() && tp_only.ok());
  EXPECT_FALSE(no_plan.value()[0].skipped) << no_plan.value()[0].skip_reason;
  EXPECT_NE(no_plan.value()[0].note.find("data parallelism over all GPUs"), std::string::npos);
  EXPECT_FALSE(tp_only.value()[0].skipped) << tp_only.value()[0].skip_reason;
  EXPECT_NE(tp_only.value()[0].note.find("dp not stated: 8"), std::string::npos) << tp_only.value()[0].note;
}

TEST(TrainingCases, UnknownArchitectureIsJudgedFromItsShape) {
  const std::string text =
      "cases:\n"
      "- id: paper-z-1\n"
      "  source: Yet another paper\n"
      "  model: {name: Zeta, arch: zeta-decoder, layers: 24, hidden: 2048, heads: 16, kv_heads: 4, ffn: 5632,\n"
      "          vocab: 32000}\n"
      "  seq_len: 2048\n"
      "  global_batch_size: 64\n"
      "  micro_batch_size: 1\n"
      "  gpu: A100-SXM4-80GB\n"
      "  num_gpus: 8\n"
      "  precision: bf16\n"
      "  measured: {tokens_per_s_per_gpu: 10000}\n";
  CaseResults r = validate_training_cases(text, "x.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.value()[0].skipped) << r.value()[0].skip_reason;
  EXPECT_NE(r.value()[0].note.find("SwiGLU/RMSNorm/RoPE decoder assumed"), std::string::npos) << r.value()[0].note;
}

TEST(TrainingCases, UnknownGpuIsSkipped) {
  CaseResults r = validate_training_cases(one_case("korthikanti22-tpu", "TPU v4", 8), "inline.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value()[0].skipped);
  EXPECT_NE(r.value()[0].skip_reason.find("unknown gpu 'TPU v4'"), std::string::npos);
}

TEST(TrainingCases, UnstatedRecomputeTakesTheSourceDefaultAndSaysSo) {
  CaseResults r = validate_training_cases(one_case("korthikanti22-x", "A100-SXM4-80GB", 8, "unknown"), "inline.yaml");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.value()[0].skipped);
  EXPECT_NE(r.value()[0].note.find("'unknown' → selective (source default"), std::string::npos) << r.value()[0].note;
}

TEST(TrainingCases, FileOutsideTheSchemaIsAnErrorWithFileAndLine) {
  CaseResults no_cases = validate_training_cases("description: hi\nother: 3\n", "x.yaml");
  ASSERT_FALSE(no_cases.ok());
  EXPECT_EQ(no_cases.error().location.file, "x.yaml");
  EXPECT_GE(no_cases.error().location.line, 1);

  CaseResults broken = validate_training_cases("cases:\n  - id: a\n    model: [1, 2\n", "y.yaml");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().location.file, "y.yaml");
  EXPECT_GE(broken.error().location.line, 3);
  EXPECT_NE(broken.error().to_string().find("y.yaml:"), std::string::npos);
}

TEST(MeasuredTrainingSteps, RowIsPredictedAndOutOfMemoryRowIsCheckedAgainstTheMemoryModel) {
  const std::string text = R"([
 {"model": "llama-1b", "cfg": {"layers": 16, "hidden": 2048, "heads": 32, "kv_heads": 8, "ffn": 8192,
  "vocab": 128256}, "micro_batch": 1, "seq": 4096, "recompute_full": false, "step_s": 0.1056},
 {"model": "llama-8b", "micro_batch": 1, "seq": 8192, "recompute_full": false, "error": "CUDA out of memory"}
])";
  CaseResults r = validate_measured_training_steps(text, "train.json");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  ASSERT_EQ(r.value().size(), 2u);
  EXPECT_FALSE(r.value()[0].skipped) << r.value()[0].skip_reason;
  EXPECT_GT(r.value()[0].predicted, 0.03);  // 6·1.5e9·4096 FLOP ≈ 37 TFLOP: > 0.04 s at the bf16 peak
  EXPECT_LT(r.value()[0].predicted, 0.5);
  EXPECT_TRUE(r.value()[1].skipped);
  EXPECT_NE(r.value()[1].skip_reason.find("memory model agrees"), std::string::npos) << r.value()[1].skip_reason;
}

TEST(MeasuredTrainingSteps, FlagThatIsNotABooleanIsAnErrorNamingTheRowAndField) {
  // The fuzzer's input: "compiled": 1 used to escape as nlohmann's type_error and end the process.
  const std::string row = R"({"model": "llama-1b", "micro_batch": 1, "seq": 4096, "step_s": 0.1, )";
  for (const char* flag : {R"("compiled": 1})", R"("recompute_full": "yes"})", R"("compiled": [true]})"}) {
    CaseResults r = validate_measured_training_steps("[" + row + flag + "]", "train.json");
    ASSERT_FALSE(r.ok()) << flag;
    EXPECT_EQ(r.error().kind, ErrorKind::invalid_input);
    const std::string name = std::string(flag).substr(1, std::string(flag).find('"', 1) - 1);
    EXPECT_NE(r.error().to_string().find("[1]." + name), std::string::npos) << r.error().to_string();
    EXPECT_NE(r.error().to_string().find("expected true or false"), std::string::npos) << r.error().to_string();
  }
  CaseResults null_flag = validate_measured_training_steps("[" + row + R"("compiled": null}])", "train.json");
  ASSERT_TRUE(null_flag.ok()) << null_flag.error().to_string();
  EXPECT_EQ(null_flag.value()[0].source, "measured H100 (eager)");
}

TEST(MeasuredTrainingSteps, CardComesFromTheRowOrTheFolderName) {
  const std::string row = R"({"model": "llama-1b", "cfg": {"layers": 16, "hidden": 2048, "heads": 32, "kv_heads": 8,
   "ffn": 8192, "vocab": 128256}, "micro_batch": 1, "seq": 4096, "recompute_full": false, "step_s": 0.1)";
  CaseResults h100 = validate_measured_training_steps("[" + row + "}]", "validation/measured-h100/train.json");
  CaseResults h200 = validate_measured_training_steps("[" + row + "}]", "data/measured-h200/train.json");
  CaseResults b200 = validate_measured_training_steps("[" + row + ", \"gpu\": \"B200\"}]", "train.json");
  ASSERT_TRUE(h100.ok() && h200.ok() && b200.ok());
  EXPECT_EQ(h100.value()[0].source, "measured H100 (eager)");
  EXPECT_EQ(h200.value()[0].source, "measured H200 (eager)");
  EXPECT_EQ(b200.value()[0].source, "measured B200 (eager)");
  // Same compute, faster memory: the H200 step is no slower; the B200 is faster.
  EXPECT_LE(h200.value()[0].predicted, h100.value()[0].predicted);
  EXPECT_LT(b200.value()[0].predicted, h100.value()[0].predicted);
}

TEST(MeasuredTrainingSteps, NonArrayOrBrokenJsonIsAnErrorWithFileAndLine) {
  CaseResults object = validate_measured_training_steps("{\"a\": 1}", "t.json");
  ASSERT_FALSE(object.ok());
  EXPECT_EQ(object.error().location.file, "t.json");
  EXPECT_EQ(object.error().location.line, 1);
  CaseResults broken = validate_measured_training_steps("[\n {\"model\": \n", "t.json");
  ASSERT_FALSE(broken.ok());
  EXPECT_GE(broken.error().location.line, 2);
}

}  // namespace
}  // namespace stargate

namespace stargate {
namespace {

// A case whose model block states a sliding window (the checkpoint's sliding_window key): the windowed layers'
// attention shrinks (docs/training-model.md "Windowed attention"), the note says how the key was read.
TEST(TrainingCases, SlidingWindowKeyShortensTheStepOnFlashAttentionRuns) {
  auto with_model_extra = [](const std::string& extra) {
    return "cases:\n"
           "- id: window-test\n"
           "  source: torchtitan 2025\n"
           "  model: {name: Mistral-like, arch: llama, layers: 32, hidden: 4096, heads: 32, kv_heads: 8, ffn: 14336,\n"
           "          vocab: 32000, seq_len: 16384" + extra + "}\n"
           "  global_batch_size: 8\n"
           "  micro_batch_size: 1\n"
           "  gpu: H100-SXM-80GB\n"
           "  num_gpus: 8\n"
           "  parallelism: {tp: 1, pp: 1, dp: 8, cp: 1, ep: 1, vpp: 1, zero_stage: 3, activation_recompute: full}\n"
           "  precision: bf16\n"
           "  measured: {iteration_time_s: 10}\n";
  };
  CaseResults full = validate_training_cases(with_model_extra(""), "inline.yaml");
  CaseResults windowed = validate_training_cases(with_model_extra(", sliding_window: 4096"), "inline.yaml");
  ASSERT_TRUE(full.ok() && windowed.ok());
  ASSERT_FALSE(full.value()[0].skipped) << full.value()[0].skip_reason;
  ASSERT_FALSE(windowed.value()[0].skipped) << windowed.value()[0].skip_reason;
  EXPECT_LT(windowed.value()[0].predicted, 0.95 * full.value()[0].predicted);
  EXPECT_NE(windowed.value()[0].note.find("sliding"), std::string::npos) << windowed.value()[0].note;
}

}  // namespace
}  // namespace stargate
