// The README's two set-up commands: scripts/run.sh builds only what the main job needs (the stargate binary) and
// the Python package, and scripts/test.sh builds everything and runs the tests.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// The script's command lines that build something (scripts/build.sh or cmake --build), comments dropped.
std::vector<std::string> build_lines(const std::string& script) {
  std::ifstream in(std::string(STARGATE_SOURCE_DIR) + "/scripts/" + script);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (const size_t hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    if (line.find("scripts/build.sh") != std::string::npos || line.find("cmake --build") != std::string::npos) {
      lines.push_back(line);
    }
  }
  return lines;
}

// The targets named by `--target NAME` on the line.
std::vector<std::string> targets(const std::string& line) {
  std::vector<std::string> names;
  std::istringstream words(line);
  for (std::string word; words >> word;) {
    if (word == "--target" && words >> word) names.push_back(word);
  }
  return names;
}

TEST(ReadmeScripts, RunBuildsOnlyTheStargateBinaryAndThePythonPackage) {
  const std::vector<std::string> lines = build_lines("run.sh");
  ASSERT_FALSE(lines.empty()) << "scripts/run.sh builds nothing";
  std::vector<std::string> built;
  for (const std::string& line : lines) {
    const std::vector<std::string> named = targets(line);
    EXPECT_FALSE(named.empty()) << "builds everything: " << line;
    built.insert(built.end(), named.begin(), named.end());
  }
  EXPECT_EQ(built, (std::vector<std::string>{"stargate", "stargate_python"}));
}

TEST(ReadmeScripts, TestBuildsEverythingAndRunsTheTests) {
  const std::vector<std::string> lines = build_lines("test.sh");
  ASSERT_FALSE(lines.empty()) << "scripts/test.sh builds nothing";
  for (const std::string& line : lines) EXPECT_EQ(line.find("--target"), std::string::npos) << line;
  std::ifstream in(std::string(STARGATE_SOURCE_DIR) + "/scripts/test.sh");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("ctest"), std::string::npos);
}

}  // namespace
