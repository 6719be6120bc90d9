// `stargate catalog import FILE` and hardware without calibration data, as a user runs them.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

#include "cli/run_stargate.h"
#include "stargate/workload/hf_config.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

using testing_cli::run_stargate;

std::string source_path(const std::string& relative) { return std::string(STARGATE_SOURCE_DIR) + "/" + relative; }

TEST(CatalogImport, PrintsAPresetThatReadsBackAsTheSameModel) {
  for (const char* file : {"deepseek-r1.json", "llama4-maverick.json", "gpt-oss-20b.json", "qwen3-8b.json"}) {
    SCOPED_TRACE(file);
    const std::string path = source_path(std::string("tests/data/hf/") + file);
    testing_cli::CommandResult out = run_stargate("catalog import " + path);
    ASSERT_EQ(out.exit_code, 0) << out.out;
    Result<ModelCatalog> parsed = ModelCatalog::parse({{"imported.yaml", out.out}});
    ASSERT_TRUE(parsed.ok()) << parsed.error().to_string() << "\n" << out.out;
    const ModelSpec& back = parsed.value().models().front();
    const ModelSpec direct = model_from_hf_config_file(path).value();
    EXPECT_EQ(back.id, direct.id);
    EXPECT_DOUBLE_EQ(count_parameters(back).total(), count_parameters(direct).total());
    EXPECT_EQ(back.mla.has_value(), direct.mla.has_value());
    EXPECT_EQ(back.mtp_depth, direct.mtp_depth);
  }
}

TEST(CatalogImport, UnmappableConfigIsBadInputNamingFileAndKeys) {
  testing_cli::CommandResult out = run_stargate("catalog import " + source_path("tests/data/hf/README.md"));
  EXPECT_EQ(out.exit_code, 2) << out.out;
  EXPECT_NE(out.out.find("README.md"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("not valid JSON"), std::string::npos) << out.out;
  testing_cli::CommandResult missing = run_stargate("catalog import " + source_path("tests/data/hf/absent.json"));
  EXPECT_EQ(missing.exit_code, 2) << missing.out;
}

TEST(UncalibratedHardware, TrainSaysItsPredictionsAreDatasheetScaled) {
  testing_cli::CommandResult out = run_stargate("train " + source_path("data/scenarios/custom-accelerator-example.yaml"));
  ASSERT_EQ(out.exit_code, 0) << out.out;
  EXPECT_NE(out.out.find("no calibration data for"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("by datasheet peaks"), std::string::npos) << out.out;
}

}  // namespace
}  // namespace stargate
