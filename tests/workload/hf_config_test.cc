// Hugging Face config.json import (src/workload/hf_config.cc): real configs in tests/data/hf/ map to the published
// shapes and parameter counts; each key that cannot be mapped is named in the error.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/yaml_map.h"
#include "stargate/core/input_error.h"
#include "stargate/workload/hf_config.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

std::string hf_path(const std::string& name) { return std::string(STARGATE_SOURCE_DIR) + "/tests/data/hf/" + name; }

struct PublishedShape {
  std::string file;
  int layers, hidden, heads, kv_heads, experts, top_k, dense_layers, mtp_depth;
  double published_params;  // total, as the model card states it
};

// Published totals: model cards / technical reports (tests/data/hf/README.md cites each).
const PublishedShape kShapes[] = {
    {"qwen3-8b.json", 36, 4096, 32, 8, 0, 0, 0, 0, 8.2e9},
    {"llama-3.3-70b.json", 80, 8192, 64, 8, 0, 0, 0, 0, 70.6e9},
    {"deepseek-r1.json", 61, 7168, 128, 128, 256, 8, 3, 1, 671e9},
    {"deepseek-v2.5.json", 60, 5120, 128, 128, 160, 6, 1, 0, 236e9},
    {"gpt-oss-20b.json", 24, 2880, 64, 8, 32, 4, 0, 0, 20.9e9},
    {"llama4-scout.json", 48, 5120, 40, 8, 16, 1, 0, 0, 109e9},
    {"llama4-maverick.json", 48, 5120, 40, 8, 128, 1, 24, 0, 400e9},
    {"mistral-7b-v0.3.json", 32, 4096, 32, 8, 0, 0, 0, 0, 7.25e9},
    {"mixtral-8x7b-instruct-awq.json", 32, 4096, 32, 8, 8, 2, 0, 0, 46.7e9},
    {"qwen3-30b-a3b.json", 48, 2048, 32, 4, 128, 8, 0, 0, 30.5e9},
    {"gemma-2-9b.json", 42, 3584, 16, 8, 0, 0, 0, 0, 9.24e9},
    {"gemma-3-12b-it.json", 48, 3840, 16, 8, 0, 0, 0, 0, 11.77e9},
    {"phi-3-mini-4k-instruct.json", 32, 3072, 32, 32, 0, 0, 0, 0, 3.82e9},
};

TEST(HfConfigImport, ShippedConfigsMapToPublishedShapesAndParameterCountsWithin3Percent) {
  for (const PublishedShape& s : kShapes) {
    SCOPED_TRACE(s.file);
    Result<ModelSpec> model = model_from_hf_config_file(hf_path(s.file));
    ASSERT_TRUE(model.ok()) << model.error().to_string();
    const ModelSpec& m = model.value();
    EXPECT_EQ(m.layers, s.layers);
    EXPECT_EQ(m.hidden, s.hidden);
    EXPECT_EQ(m.heads, s.heads);
    EXPECT_EQ(m.kv_heads, s.kv_heads);
    EXPECT_EQ(m.moe ? m.moe->routed_experts : 0, s.experts);
    EXPECT_EQ(m.moe ? m.moe->top_k : 0, s.top_k);
    EXPECT_EQ(m.moe ? m.moe->first_dense_layers : 0, s.dense_layers);
    EXPECT_EQ(m.mtp_depth, s.mtp_depth);
    const double total = count_parameters(m).total();
    EXPECT_LT(std::abs(total / s.published_params - 1), 0.03) << total / 1e9 << "B";
  }
}

TEST(HfConfigImport, MlaConfigsCarryTheLatentRanks) {
  Result<ModelSpec> model = model_from_hf_config_file(hf_path("deepseek-r1.json"));
  ASSERT_TRUE(model.ok());
  ASSERT_TRUE(model.value().mla.has_value());
  EXPECT_EQ(model.value().mla->q_lora_rank, 1536);
  EXPECT_EQ(model.value().mla->kv_lora_rank, 512);
  EXPECT_EQ(model.value().mla->qk_rope_head_dim, 64);
  EXPECT_EQ(model.value().moe->shared_experts, 1);
  EXPECT_EQ(model.value().seq_len, 4096);  // rope_scaling.original_max_position_embeddings
}

TEST(HfConfigImport, IdIsTheFileStemAndNameTheArchitectureClass) {
  Result<ModelSpec> model = model_from_hf_config_file(hf_path("qwen3-8b.json"));
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model.value().id, "qwen3-8b");
  EXPECT_EQ(model.value().name, "Qwen3ForCausalLM");
  EXPECT_FALSE(model.value().tied_embeddings);
}

struct FamilyCase {
  const char* json;
  int head_dim, ffn, shared_experts;
  bool tied;
};

// Families without a shipped file: keys as their transformers config classes name them.
const FamilyCase kFamilies[] = {
    {R"({"model_type":"gemma2","num_hidden_layers":42,"hidden_size":3584,"num_attention_heads":16,
         "num_key_value_heads":8,"intermediate_size":14336,"vocab_size":256000,"max_position_embeddings":8192,
         "hidden_activation":"gelu_pytorch_tanh"})", 256, 14336, 0, true},
    {R"({"model_type":"phi3","num_hidden_layers":32,"hidden_size":3072,"num_attention_heads":32,
         "intermediate_size":8192,"vocab_size":32064,"max_position_embeddings":4096,"hidden_act":"silu",
         "tie_word_embeddings":false})", 96, 8192, 0, false},
    {R"({"model_type":"mixtral","num_hidden_layers":32,"hidden_size":4096,"num_attention_heads":32,
         "num_key_value_heads":8,"intermediate_size":14336,"vocab_size":32000,"max_position_embeddings":32768,
         "num_local_experts":8,"num_experts_per_tok":2})", 128, 14336, 0, false},
    {R"({"model_type":"qwen2_moe","num_hidden_layers":28,"hidden_size":3584,"num_attention_heads":28,
         "num_key_value_heads":4,"intermediate_size":18944,"moe_intermediate_size":2560,
         "shared_expert_intermediate_size":20480,"num_experts":64,"num_experts_per_tok":8,"vocab_size":151936,
         "max_position_embeddings":32768})", 128, 2560, 8, false},
};

TEST(HfConfigImport, KeysAGemma3FileOmitsTakeTheConfigClassDefaults) {
  // google/gemma-3-12b-it lists only non-default text_config keys (no vocab_size, head_dim, activation, tying).
  Result<ModelSpec> model = model_from_hf_config_file(hf_path("gemma-3-12b-it.json"));
  ASSERT_TRUE(model.ok()) << model.error().to_string();
  EXPECT_EQ(model.value().vocab, 262208);
  EXPECT_EQ(model.value().head_dim, 256);
  EXPECT_TRUE(model.value().tied_embeddings);
  EXPECT_EQ(model.value().name, "Gemma3ForConditionalGeneration");
}

TEST(HfConfigImport, ArchitectureClassNamesTheFamilyWhenModelTypeIsAbsent) {
  Result<ModelSpec> model = model_from_hf_config(
      R"({"architectures":["MixtralForCausalLM"],"hidden_size":4096,"intermediate_size":14336,"vocab_size":32000,
          "num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":8,"num_local_experts":8,
          "num_experts_per_tok":2,"max_position_embeddings":32768})",
      "c.json", "x");
  ASSERT_TRUE(model.ok()) << model.error().to_string();
  ASSERT_TRUE(model.value().moe.has_value());
  EXPECT_EQ(model.value().moe->routed_experts, 8);
  Result<ModelSpec> unknown = model_from_hf_config(R"({"architectures":["BertModel"]})", "c.json", "x");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("architectures[0] is not a known class"), std::string::npos);
}

TEST(HfConfigImport, FamilyDefaultsAndSharedExpertWidthsMap) {
  for (const FamilyCase& c : kFamilies) {
    SCOPED_TRACE(c.json);
    Result<ModelSpec> model = model_from_hf_config(c.json, "config.json", "case");
    ASSERT_TRUE(model.ok()) << model.error().to_string();
    EXPECT_EQ(model.value().head_dim, c.head_dim);
    EXPECT_EQ(model.value().ffn, c.ffn);
    EXPECT_EQ(model.value().moe ? model.value().moe->shared_experts : 0, c.shared_experts);
    EXPECT_EQ(model.value().tied_embeddings, c.tied);
    EXPECT_EQ(model.value().activation, Activation::swiglu);
  }
}

TEST(HfConfigImport, ErrorNamesTheFileAndEveryKeyItCannotMap) {
  Result<ModelSpec> model = model_from_hf_config(
      R"({"model_type":"llama","hidden_size":4096,"num_attention_heads":"32","hidden_act":"relu2",
          "vocab_size":32000,"max_position_embeddings":4096})",
      "my/config.json", "x");
  ASSERT_FALSE(model.ok());
  const std::string text = model.error().to_string();
  EXPECT_NE(text.find("my/config.json"), std::string::npos) << text;
  for (const char* key : {"num_hidden_layers: missing", "num_attention_heads: expected an integer", "hidden_act",
                          "intermediate_size: missing"}) {
    EXPECT_NE(text.find(key), std::string::npos) << key << " not in " << text;
  }
}

TEST(HfConfigImport, RejectsUnknownFamiliesInvalidJsonAndMissingFiles) {
  Result<ModelSpec> unknown = model_from_hf_config(R"({"model_type":"bert"})", "c.json", "x");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message.find("'bert' is not supported"), std::string::npos);
  EXPECT_FALSE(model_from_hf_config("{not json", "c.json", "x").ok());
  EXPECT_FALSE(model_from_hf_config("[1, 2]", "c.json", "x").ok());
  EXPECT_FALSE(model_from_hf_config_file(hf_path("no-such-config.json")).ok());
}

ModelSpec scenario_model(const std::string& yaml, const std::string& scenario_file) {
  YamlDocument doc = parse_yaml_document(yaml, scenario_file);
  return ModelCatalog::builtin().model_from(YamlMap(YamlValue(doc.root, doc.file, "")).require("model"));
}

TEST(HfConfigImport, ScenarioPathResolvesAgainstTheScenarioFolderAndAcceptsOverrides) {
  const std::string scenario = hf_path("scenario.yaml");  // only its folder matters
  ModelSpec m = scenario_model("model: {hf_config: qwen3-8b.json, seq_len: 8192}", scenario);
  EXPECT_EQ(m.layers, 36);
  EXPECT_EQ(m.seq_len, 8192);
  EXPECT_THROW(scenario_model("model: {hf_config: missing.json}", scenario), InputError);
  EXPECT_THROW(scenario_model("model: {hf_config: qwen3-8b.json, preset: llama3-8b}", scenario), InputError);
}

TEST(HfConfigImport, WindowedLayersFollowTheConfigClassesLayerLists) {
  struct Expected {
    const char* file;
    LocalAttention::Kind kind;
    int window, layers;
  };
  // gpt-oss: layer_types alternate; Llama 4: chunked on all but every fourth layer (Llama4TextConfig
  // no_rope_layers); Gemma 3: all but every sliding_window_pattern-th (6); Gemma 2: every other layer, window 4096
  // by default.
  for (const Expected& e : {Expected{"gpt-oss-20b.json", LocalAttention::Kind::sliding, 128, 12},
                            Expected{"llama4-scout.json", LocalAttention::Kind::chunked, 8192, 36},
                            Expected{"gemma-3-12b-it.json", LocalAttention::Kind::sliding, 1024, 40},
                            Expected{"gemma-2-9b.json", LocalAttention::Kind::sliding, 4096, 21}}) {
    SCOPED_TRACE(e.file);
    Result<ModelSpec> model = model_from_hf_config_file(hf_path(e.file));
    ASSERT_TRUE(model.ok()) << model.error().to_string();
    ASSERT_TRUE(model.value().local_attention.has_value());
    EXPECT_EQ(model.value().local_attention->kind, e.kind);
    EXPECT_EQ(model.value().local_attention->window, e.window);
    EXPECT_EQ(model.value().local_attention->layers, e.layers);
  }
  // No window: Qwen3 (use_sliding_window false), Mistral v0.3 (sliding_window null).
  for (const char* file : {"qwen3-8b.json", "mistral-7b-v0.3.json", "llama-3.3-70b.json"}) {
    SCOPED_TRACE(file);
    Result<ModelSpec> model = model_from_hf_config_file(hf_path(file));
    ASSERT_TRUE(model.ok());
    EXPECT_FALSE(model.value().local_attention.has_value());
  }
}

TEST(ModelPresets, WindowedLayersAreAPresetFieldWithLocatedErrors) {
  const ModelSpec& oss = *ModelCatalog::builtin().find("gpt-oss-120b");
  ASSERT_TRUE(oss.local_attention.has_value());
  EXPECT_EQ(oss.local_attention->window, 128);
  EXPECT_EQ(oss.local_attention->layers, 18);
  EXPECT_EQ(oss.global_attention_layers(), 18);
  const std::string base = "id: tiny\nname: tiny\narch: dense\nlayers: 4\nhidden: 256\nheads: 4\nkv_heads: 4\n"
                           "ffn: 512\nvocab: 1000\nseq_len: 4096\n";
  Result<ModelCatalog> ok = ModelCatalog::parse({{"tiny.yaml", base + "local_attention: {kind: chunked, window: 512, layers: 3}\n"}});
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ(ok.value().find("tiny")->local_attention->kind, LocalAttention::Kind::chunked);
  Result<ModelCatalog> too_many = ModelCatalog::parse({{"tiny.yaml", base + "local_attention: {kind: sliding, window: 512, layers: 5}\n"}});
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.error().to_string().find("tiny.yaml:11"), std::string::npos) << too_many.error().to_string();
  EXPECT_NE(too_many.error().to_string().find("layers"), std::string::npos);
}

}  // namespace
}  // namespace stargate
