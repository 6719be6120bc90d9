// A scenario file's kind: fleet when it has a fleet: section and no cluster:, as parse_scenario decides when it
// refuses a fleet file; everything else is a cluster scenario.
#include <gtest/gtest.h>

#include "stargate/scenario/scenario.h"
#include "stargate/scenario/scenario_kind.h"

namespace stargate {
namespace {

TEST(ScenarioKind, FleetSectionWithoutClusterIsAFleetScenario) {
  struct Case {
    const char* yaml;
    ScenarioKind kind;
  };
  for (const Case& c : {Case{"fleet: {quarters: 4}\n", ScenarioKind::fleet},
                        Case{"name: x\nfleet: {}\n", ScenarioKind::fleet},
                        Case{"cluster: {gpus: 8}\nfleet: {}\n", ScenarioKind::cluster},
                        Case{"cluster: {gpus: 8}\nmodel: llama3.1-8b\n", ScenarioKind::cluster},
                        Case{"model: llama3.1-8b\n", ScenarioKind::cluster}}) {
    Result<ScenarioKind> kind = scenario_kind(c.yaml, "k.yaml");
    ASSERT_TRUE(kind.ok()) << c.yaml;
    EXPECT_EQ(kind.value(), c.kind) << c.yaml;
  }
}

TEST(ScenarioKind, AgreesWithTheScenarioLoaderOnTheShippedFiles) {
  const std::string dir = std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/";
  for (const char* name : {"stargate.yaml", "fleet-samsung-qualified.yaml", "llama3-405b-16k-h100.yaml",
                           "serve-llama8b-h100.yaml"}) {
    Result<ScenarioKind> kind = scenario_file_kind(dir + name);
    ASSERT_TRUE(kind.ok()) << name;
    const Result<Scenario> loaded = load_scenario_file(dir + name);
    EXPECT_EQ(kind.value() == ScenarioKind::fleet, !loaded.ok()) << name;
    if (!loaded.ok()) {
      EXPECT_NE(loaded.error().message.find("fleet scenario"), std::string::npos);
    }
  }
}

TEST(ScenarioKind, BadYamlAndMissingFilesAreErrorsWithTheFile) {
  for (const char* text : {"a: [1, 2\n", "- a list\n"}) {
    Result<ScenarioKind> bad = scenario_kind(text, "bad.yaml");
    ASSERT_FALSE(bad.ok()) << text;
    EXPECT_EQ(bad.error().location.file, "bad.yaml");
  }
  Result<ScenarioKind> missing = scenario_file_kind("/nonexistent/scenario.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().to_string().find("/nonexistent/scenario.yaml"), std::string::npos);
}

}  // namespace
}  // namespace stargate
