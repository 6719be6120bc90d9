// Malformed scenarios: each gives one clear error naming file:line and the field, never a crash.
#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "stargate/scenario/scenario.h"

#include "parameter_name.h"

namespace stargate {
namespace {

const char* kValid = R"(name: test
cluster:
  accelerator: h100-sxm
  node: dgx-h100
  fabric: infiniband-ndr
  gpus: 64
model: llama3-8b
training:
  seq_len: 8192
  global_batch: 128
  tokens: 1T
  plan: {tp: 2, pp: 1, dp: 32, micro_batch: 1, zero: 1, recompute: selective, precision: bf16}
)";

struct BadScenario {
  const char* name;
  std::string text;
  int line;              // expected 1-based line (0 = not checked)
  const char* field;     // expected field path ("" = not checked)
  const char* message;   // expected part of the message
};

std::string replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

std::string_view label(const BadScenario& c) { return c.name; }
void PrintTo(const BadScenario& c, std::ostream* out) { *out << c.name; }

class ScenarioErrors : public testing::TestWithParam<BadScenario> {};

TEST_P(ScenarioErrors, NamesFileLineAndField) {
  const BadScenario& c = GetParam();
  Result<Scenario> r = parse_scenario(c.text, "bad.yaml");
  ASSERT_FALSE(r.ok()) << c.name;
  const Error& e = r.error();
  EXPECT_EQ(e.kind, ErrorKind::invalid_input) << e.to_string();
  EXPECT_EQ(e.location.file, "bad.yaml");
  if (c.line > 0) {
    EXPECT_EQ(e.location.line, c.line) << e.to_string();
  }
  if (*c.field) {
    EXPECT_EQ(e.field, c.field) << e.to_string();
  }
  EXPECT_NE(e.to_string().find(c.message), std::string::npos) << e.to_string();
}

INSTANTIATE_TEST_SUITE_P(
    Scenario, ScenarioErrors,
    testing::Values(
        BadScenario{"unknown_key", replace(kValid, "  gpus: 64", "  gpus: 64\n  gpu_count: 64"), 7, "cluster.gpu_count",
                    "unknown field"},
        BadScenario{"mxfp8_before_blackwell",
                    replace(kValid, "precision: bf16", "precision: fp8, fp8_recipe: mxfp8"), 12,
                    "training.plan.fp8_recipe", "needs Blackwell-class block-scaled tensor cores"},
        BadScenario{"nvfp4_on_hopper", replace(kValid, "precision: bf16", "precision: fp4, fp8_recipe: nvfp4"), 12,
                    "training.plan.precision", "has no fp4 tensor cores"},
        BadScenario{"nvfp4_with_fp8_precision", replace(kValid, "precision: bf16", "precision: fp8, fp8_recipe: nvfp4"),
                    12, "training.plan.fp8_recipe", "nvfp4 runs fp4 GEMMs, not precision fp8"},
        BadScenario{"recipe_written_twice",
                    replace(kValid, "precision: bf16", "precision: fp8, fp8_recipe: current, fp8_scaling: current"), 12,
                    "training.plan.fp8_scaling", "write the recipe once"},
        BadScenario{"unknown_recipe", replace(kValid, "precision: bf16", "precision: fp8, fp8_recipe: lazy"), 12,
                    "training.plan.fp8_recipe", "rowwise"},
        BadScenario{"misspelled_key_suggests", replace(kValid, "seq_len: 8192", "seqlen: 8192"), 9,
                    "training.seqlen", "did you mean 'seq_len'?"},
        BadScenario{"misspelled_preset", replace(kValid, "accelerator: h100-sxm", "accelerator: h100-sxn"), 3,
                    "cluster.accelerator", "did you mean 'h100-sxm'?"},
        BadScenario{"misspelled_model", replace(kValid, "model: llama3-8b", "model: llama3-8x"), 7, "model",
                    "unknown model preset"},
        BadScenario{"missing_unit_in_count", replace(kValid, "tokens: 1T", "tokens: 1 trillion"), 11,
                    "training.tokens", "unknown unit"},
        BadScenario{"override_missing_unit",
                    replace(kValid, "accelerator: h100-sxm", "accelerator: {preset: h100-sxm, tdp: 700}"), 3,
                    "cluster.accelerator.tdp", "missing unit"},
        BadScenario{"override_unknown_field",
                    replace(kValid, "accelerator: h100-sxm", "accelerator: {preset: h100-sxm, hbm_size: 96GiB}"), 3,
                    "cluster.accelerator.hbm_size", "unknown field"},
        BadScenario{"negative_count", replace(kValid, "gpus: 64", "gpus: -8"), 6, "cluster.gpus", "between 1 and"},
        BadScenario{"wrong_type", replace(kValid, "gpus: 64", "gpus: [1, 2]"), 6, "cluster.gpus", "whole number"},
        BadScenario{"wrong_type_map", replace(kValid, "cluster:\n", "cluster: 5\nold_cluster:\n"), 2, "cluster",
                    "expected a mapping"},
        BadScenario{"invalid_yaml", replace(kValid, "plan: {tp: 2,", "plan: {tp: 2,,]"), 12, "", "invalid YAML"},
        BadScenario{"empty_file", "", 0, "", "empty document"},
        BadScenario{"only_comment", "# nothing here\n", 0, "", "empty document"},
        BadScenario{"binary_garbage", std::string("\x7f" "ELF\x02\x01\x01\0\0\0\xff\xfe", 12), 0, "", "not a text file"},
        BadScenario{"top_level_list", "- a\n- b\n", 1, "", "expected a YAML mapping"},
        BadScenario{"tp_does_not_divide_heads", replace(kValid, "tp: 2, pp: 1, dp: 32", "tp: 3, pp: 1, dp: 21"), 12,
                    "training.plan.tp", "does not divide 32 attention heads"},
        BadScenario{"gpu_count_mismatch", replace(kValid, "dp: 32", "dp: 16"), 12, "training.plan.dp",
                    "but the cluster has 64"},
        BadScenario{"bad_choice", replace(kValid, "recompute: selective", "recompute: sometimes"), 12,
                    "training.plan.recompute", "not one of none, selective, full or selective_ops"},
        BadScenario{"duplicate_key", replace(kValid, "  gpus: 64", "  gpus: 64\n  gpus: 32"), 7, "cluster.gpus",
                    "duplicate key"},
        BadScenario{"missing_required", replace(kValid, "  global_batch: 128\n", ""), 9, "training.global_batch",
                    "missing required field"},
        BadScenario{"batch_not_whole_sequences", replace(kValid, "global_batch: 128", "global_batch: 1000 tokens"), 10,
                    "training.global_batch", "not a whole number"},
        // A bare count is sequences only in plain digits up to 65536; else the reader asks which it is.
        BadScenario{"bare_count_with_multiplier_is_ambiguous", replace(kValid, "global_batch: 128", "global_batch: 16M"),
                    10, "training.global_batch", "is it tokens or sequences? write '16M tokens' or '16M sequences'"},
        BadScenario{"large_bare_count_is_ambiguous", replace(kValid, "global_batch: 128", "global_batch: 100000"), 10,
                    "training.global_batch", "is it tokens or sequences?"},
        BadScenario{"ambiguous_count_with_vpp_blames_the_batch",
                    replace(replace(kValid, "global_batch: 128", "global_batch: 16M"), "pp: 1, dp: 32",
                            "pp: 2, dp: 16, vpp: 2"),
                    10, "training.global_batch", "is it tokens or sequences?"},
        // A micro-batch count that does not divide is a relation of batch and plan: the batch is named, with the plan field.
        BadScenario{"micro_batches_not_multiple_of_pp_names_the_batch",
                    replace(replace(kValid, "global_batch: 128", "global_batch: 48 sequences"), "pp: 1, dp: 32",
                            "pp: 2, dp: 16, vpp: 2"),
                    10, "training.global_batch", "training.plan.vpp"},
        BadScenario{"batch_not_multiple_of_micro_batch_dp_names_the_batch",
                    replace(kValid, "global_batch: 128", "global_batch: 100"), 10, "training.global_batch",
                    "training.plan.micro_batch"},
        BadScenario{"no_value", replace(kValid, "tokens: 1T", "tokens:"), 11, "training.tokens", "has no value"}),
    test_names::ParameterName{});

TEST(Scenario, ValidFileLoads) {
  Result<Scenario> r = parse_scenario(kValid, "ok.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r.value().cluster.gpus, 64);
  EXPECT_EQ(r.value().model.layers, 32);
  ASSERT_TRUE(r.value().training.has_value());
  EXPECT_EQ(r.value().training->plan.tp, 2);
  EXPECT_DOUBLE_EQ(r.value().training->tokens_total, 1e12);
}

TEST(Scenario, OperatorLevelCheckpointingIsAPlanChoice) {
  Result<Scenario> r = parse_scenario(replace(kValid, "recompute: selective", "recompute: selective_ops"), "ok.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r.value().training->plan.recompute, Recompute::selective_ops);
}

TEST(Scenario, Fp8RecipeIsAPlanChoiceWithItsOlderSpellingAndTorchaosName) {
  const std::pair<const char*, Fp8Recipe> written[] = {
      {"precision: fp8, fp8_recipe: rowwise", Fp8Recipe::rowwise},
      {"precision: fp8, fp8_recipe: te_current", Fp8Recipe::te_current},
      {"precision: fp8, fp8_recipe: blockwise", Fp8Recipe::blockwise},
      {"precision: fp8, fp8_recipe: tensorwise", Fp8Recipe::current},
      {"precision: fp8, fp8_scaling: current", Fp8Recipe::current},
      {"precision: fp8", Fp8Recipe::delayed},
  };
  for (const auto& [text, recipe] : written) {
    Result<Scenario> r = parse_scenario(replace(kValid, "precision: bf16", text), "ok.yaml");
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().to_string();
    EXPECT_EQ(r.value().training->plan.fp8_recipe, recipe) << text;
  }
  Result<Scenario> open = parse_scenario(replace(kValid, "precision: bf16", "precision: fp8, fp8_recipe: auto"), "a.yaml");
  ASSERT_TRUE(open.ok()) << open.error().to_string();
  EXPECT_TRUE(open.value().training->open_fields.has(PlanField::fp8_recipe));
  Result<Scenario> bad = parse_scenario(replace(kValid, "precision: bf16", "precision: fp8, fp8_scaling: lazy"), "x.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().to_string().find("training.plan.fp8_scaling"), std::string::npos) << bad.error().to_string();
}

TEST(Scenario, Fp4PrecisionTakesTheNvfp4Recipe) {
  std::string text = replace(kValid, "accelerator: h100-sxm", "accelerator: b200");
  text = replace(text, "node: dgx-h100", "node: dgx-b200");
  Result<Scenario> r = parse_scenario(replace(text, "precision: bf16", "precision: fp4"), "ok.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r.value().training->plan.fp8_recipe, Fp8Recipe::nvfp4);
}

TEST(Scenario, MoeDispatcherAndImbalanceArePlanChoices) {
  Result<Scenario> r =
      parse_scenario(replace(kValid, "precision: bf16", "precision: bf16, moe_dispatcher: deepep, expert_imbalance: 1.25"),
                     "ok.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r.value().training->plan.moe_dispatcher, MoeDispatcher::deepep);
  EXPECT_DOUBLE_EQ(r.value().training->plan.expert_imbalance, 1.25);
  EXPECT_EQ(r.value().training->plan.expert_tp, 1);
  const std::pair<const char*, const char*> bad[] = {{"moe_dispatcher: nccl", "training.plan.moe_dispatcher"},
                                                     {"expert_imbalance: 0.5", "training.plan.expert_imbalance"},
                                                     {"expert_tp: 0", "training.plan.expert_tp"},
                                                     {"expert_tp: 2", "expert_tp"}};  // dense model
  for (const auto& [field, where] : bad) {
    Result<Scenario> e = parse_scenario(replace(kValid, "precision: bf16", std::string("precision: bf16, ") + field), "x.yaml");
    ASSERT_FALSE(e.ok()) << field;
    EXPECT_NE(e.error().to_string().find(where), std::string::npos) << e.error().to_string();
  }
}

TEST(Scenario, PresetOverrideChangesOnlyThatField) {
  Result<Scenario> r = parse_scenario(
      replace(kValid, "accelerator: h100-sxm", "accelerator: {preset: h100-sxm, hbm: {capacity: 96GiB}, tdp: 500W}"),
      "ok.yaml");
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const AcceleratorSpec& a = r.value().cluster.accelerator;
  EXPECT_DOUBLE_EQ(a.hbm_capacity_bytes, 96.0 * 1073741824.0);
  EXPECT_DOUBLE_EQ(a.tdp_watts, 500);
  EXPECT_DOUBLE_EQ(a.hbm_bandwidth_bytes_per_s, 3.35e12);  // untouched
  EXPECT_EQ(a.calibration, "h100");
}

TEST(Scenario, InlineModelDefinition) {
  Result<Scenario> r = parse_scenario(replace(kValid, "model: llama3-8b",
                                              "model: {name: tiny, arch: dense, layers: 4, hidden: 1024, heads: 16,\n"
                                              "        kv_heads: 16, ffn: 4096, vocab: 32000, seq_len: 2048}"),
                                      "ok.yaml");
  // seq_len 8192 in training is allowed; the plan's tp=2 divides 16 heads.
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  EXPECT_EQ(r.value().model.head_dim, 64);
}

// A scenario path that cannot be read says why: the operating system's reason, or what the path is instead.
struct UnreadablePath {
  const char* name;
  std::string path;
  const char* says;
};

std::ostream& operator<<(std::ostream& out, const UnreadablePath& p) { return out << p.name; }

class UnreadableScenarioSaysWhy : public testing::TestWithParam<UnreadablePath> {};

TEST_P(UnreadableScenarioSaysWhy, WithTheReason) {
  Result<Scenario> r = load_scenario_file(GetParam().path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::invalid_input);
  EXPECT_NE(r.error().to_string().find(GetParam().path + ": "), std::string::npos) << r.error().to_string();
  EXPECT_NE(r.error().to_string().find(GetParam().says), std::string::npos) << r.error().to_string();
}

INSTANTIATE_TEST_SUITE_P(
    Paths, UnreadableScenarioSaysWhy,
    testing::Values(UnreadablePath{"missing_file", "/nonexistent/scenario.yaml", "cannot open file: No such file or directory"},
                    UnreadablePath{"directory", std::string(STARGATE_SOURCE_DIR) + "/data/scenarios", "is a directory"},
                    UnreadablePath{"file_as_directory", std::string(STARGATE_SOURCE_DIR) + "/README.md/x.yaml",
                                   "cannot open file: Not a directory"}),
    [](const testing::TestParamInfo<UnreadablePath>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace stargate
