// Rendering of presets: the JSON keeps each value's type, the text numbers each citation once.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "stargate/report/spec_report.h"

namespace stargate {
namespace {

SpecDescription sample() {
  const std::map<std::string, std::string> sources = {{"hbm", "datasheet"}, {"power", "datasheet"}};
  SpecRowBuilder b(sources);
  b.text("name", "", "Test GPU");
  b.quantity("hbm.bandwidth", "hbm", 3.35e12, Dimension::bandwidth);
  b.integer("hbm.stacks", "hbm", 5);
  b.flag("nvlink", "", true);
  b.quantity("power", "power", 700, Dimension::power);
  return {"accelerator", "test-gpu", std::move(b.rows)};
}

TEST(SpecReport, JsonKeepsNumberIntegerFlagAndTextTypes) {
  const std::string text = spec_to_json(sample());
  ASSERT_EQ(text.back(), '\n');
  const nlohmann::json j = nlohmann::json::parse(text);
  EXPECT_EQ(j["kind"], "accelerator");
  EXPECT_TRUE(j["fields"]["hbm.bandwidth"]["value"].is_number_float());
  EXPECT_EQ(j["fields"]["hbm.bandwidth"]["unit"], "B/s");
  EXPECT_EQ(j["fields"]["hbm.bandwidth"]["source"], "datasheet");
  EXPECT_TRUE(j["fields"]["hbm.stacks"]["value"].is_number_integer());
  EXPECT_TRUE(j["fields"]["nvlink"]["value"].is_boolean());
  EXPECT_EQ(j["fields"]["nvlink"]["text"], "yes");
  EXPECT_EQ(j["fields"]["name"]["value"], "Test GPU");
  EXPECT_FALSE(j["fields"]["name"].contains("unit"));
  EXPECT_FALSE(j["fields"]["name"].contains("source"));
}

TEST(SpecReport, TextAlignsFieldsAndNumbersEachCitationOnce) {
  const std::string text = spec_to_text(sample());
  EXPECT_EQ(text.find("accelerator test-gpu\n"), 0u);
  EXPECT_NE(text.find("  hbm.stacks     5  [1]\n"), std::string::npos);
  EXPECT_NE(text.find("  power          700 W  [1]\n"), std::string::npos);
  EXPECT_NE(text.find("sources:\n  [1] datasheet\n"), std::string::npos);
  EXPECT_EQ(text.find("[2]"), std::string::npos);
}

TEST(SpecReport, ListGroupsByKindWithNames) {
  const std::vector<SpecDescription> presets = {sample(), {"node", "n1", {}}};
  EXPECT_EQ(spec_list_to_text(presets),
            "accelerators:\n  test-gpu                 Test GPU\n\nnodes:\n  n1                       \n");
  const nlohmann::json j = nlohmann::json::parse(spec_list_to_json(presets));
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["name"], "Test GPU");
  EXPECT_EQ(j[1]["kind"], "node");
}

}  // namespace
}  // namespace stargate
