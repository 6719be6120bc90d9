// Golden command outputs: each tests/golden/commands/*.json names a `stargate` command line whose --json output
// is checked at JSON pointers, every number within the file's relative tolerance and every string or boolean
// exactly. A change that moves one is a bug or a model change that updates the golden file in the same commit
// (the file's "regenerate" field says how).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "parameter_name.h"

namespace stargate {
namespace {

namespace fs = std::filesystem;

std::string run_in_source_dir(const std::string& arguments, int& status) {
  const std::string command = "cd '" STARGATE_SOURCE_DIR "' && '" STARGATE_BINARY "' " + arguments + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  std::array<char, 65536> buffer{};
  for (size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0;) out.append(buffer.data(), n);
  status = pclose(pipe.release());
  return out;
}

struct GoldenFile {
  std::string name;
  nlohmann::json golden;
};

std::string_view label(const GoldenFile& g) { return g.name; }
void PrintTo(const GoldenFile& g, std::ostream* out) { *out << g.name; }

std::vector<GoldenFile> golden_files() {
  std::vector<GoldenFile> files;
  for (const auto& entry : fs::directory_iterator(fs::path(STARGATE_SOURCE_DIR) / "tests/golden/commands")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    files.push_back({entry.path().stem().string(), nlohmann::json::parse(in)});
  }
  return files;
}

class CommandGolden : public testing::TestWithParam<GoldenFile> {};

TEST_P(CommandGolden, JsonOutputStaysWithinTolerance) {
  const nlohmann::json& golden = GetParam().golden;
  int status = -1;
  const std::string out = run_in_source_dir(golden["command"].get<std::string>(), status);
  ASSERT_EQ(status, 0) << golden["command"];
  const nlohmann::json result = nlohmann::json::parse(out);
  const double tolerance = golden["tolerance"].get<double>();
  for (const auto& [pointer, expected] : golden["expect"].items()) {
    const nlohmann::json::json_pointer at(pointer);
    ASSERT_TRUE(result.contains(at)) << pointer << " is missing from the output";
    const nlohmann::json& actual = result.at(at);
    if (expected.is_number()) {
      const double want = expected.get<double>();
      EXPECT_NEAR(actual.get<double>(), want, tolerance * std::abs(want)) << pointer;
    } else {
      EXPECT_EQ(actual, expected) << pointer;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Commands, CommandGolden, testing::ValuesIn(golden_files()),
                         test_names::ParameterName{});

}  // namespace
}  // namespace stargate
