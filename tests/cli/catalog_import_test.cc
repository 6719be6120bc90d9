// `stargate catalog import FILE` and hardware without calibration data, as a user runs them.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

#include "stargate/workload/hf_config.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

struct Output {
  int exit_code;
  std::string text;  // stdout and stderr
};

Output run_stargate(const std::string& args) {
  const std::string command = std::string(STARGATE_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string text;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) text.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

std::string source_path(const std::string& relative) { return std::string(STARGATE_SOURCE_DIR) + "/" + relative; }

TEST(CatalogImport, PrintsAPresetThatReadsBackAsTheSameModel) {
  for (const char* file : {"deepseek-r1.json", "llama4-maverick.json", "gpt-oss-20b.json", "qwen3-8b.json"}) {
    SCOPED_TRACE(file);
    const std::string path = source_path(std::string("tests/data/hf/") + file);
    Output out = run_stargate("catalog import " + path);
    ASSERT_EQ(out.exit_code, 0) << out.text;
    Result<ModelCatalog> parsed = ModelCatalog::parse({{"imported.yaml", out.text}});
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string() << "\n" << out.text;
    const ModelSpec& back = parsed.value().models().front();
    const ModelSpec direct = model_from_hf_config_file(path).value();
    EXPECT_EQ(back.id, direct.id);
    EXPECT_DOUBLE_EQ(count_parameters(back).total(), count_parameters(direct).total());
    EXPECT_EQ(back.mla.has_value(), direct.mla.has_value());
    EXPECT_EQ(back.mtp_depth, direct.mtp_depth);
  }
}

TEST(CatalogImport, UnmappableConfigIsBadInputNamingFileAndKeys) {
  Output out = run_stargate("catalog import " + source_path("tests/data/hf/README.md"));
  EXPECT_EQ(out.exit_code, 2) << out.text;
  EXPECT_NE(out.text.find("README.md"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("not valid JSON"), std::string::npos) << out.text;
  Output missing = run_stargate("catalog import " + source_path("tests/data/hf/absent.json"));
  EXPECT_EQ(missing.exit_code, 2) << missing.text;
}

TEST(UncalibratedHardware, TrainSaysItsPredictionsAreDatasheetScaled) {
  Output out = run_stargate("train " + source_path("data/scenarios/custom-accelerator-example.yaml"));
  ASSERT_EQ(out.exit_code, 0) << out.text;
  EXPECT_NE(out.text.find("no calibration data for"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("by datasheet peaks"), std::string::npos) << out.text;
}

}  // namespace
}  // namespace stargate
