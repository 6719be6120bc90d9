// Replays the fuzzer's seed corpus and mutations of it through the scenario loader under the regular (and the
// sanitizer) test build, so the no-crash property is checked even where libFuzzer is unavailable.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "stargate/scenario/scenario.h"

namespace stargate {
namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ScenarioFuzzCorpus, MutationsGiveScenarioOrInputError) {
  std::mt19937 rng(12345);
  int inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(STARGATE_SOURCE_DIR) + "/fuzz/corpus")) {
    const std::string seed = read(entry.path());
    for (int i = 0; i < 300; ++i) {
      std::string text = seed;
      const int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits && !text.empty(); ++e) {
        size_t at = rng() % text.size();
        switch (rng() % 4) {
          case 0: text[at] = static_cast<char>(rng() % 256); break;
          case 1: text.erase(at, 1 + rng() % 8); break;
          case 2: text.insert(at, std::string(1 + rng() % 3, "{}[]:,-&*!|>'\"\n #"[rng() % 17])); break;
          case 3: text = text.substr(0, at); break;
        }
      }
      Result<Scenario> r = parse_scenario(text, "mutant.yaml");
      if (!r.ok()) {
        EXPECT_EQ(r.error().kind, ErrorKind::invalid_input) << r.error().to_string() << "\n--- input ---\n" << text;
      }
      ++inputs;
    }
  }
  EXPECT_GE(inputs, 1200);
}

TEST(ScenarioFuzzCorpus, DeepNestingIsAnErrorNotAStackOverflow) {
  std::string deep = "cluster: " + std::string(20000, '[') + std::string(20000, ']') + "\n";
  Result<Scenario> r = parse_scenario(deep, "deep.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::invalid_input);
}

}  // namespace
}  // namespace stargate
