// The layer graph declared in CMakeLists.txt (written by cmake/layers.cmake to build/layer_graph.txt) is the one
// docs/architecture.md shows, and no file includes a header of a layer it cannot see. The build already rejects a
// wrong-way include in a .cc file; this also covers headers that no source of their own layer includes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// layer -> direct dependencies, in declaration order.
std::vector<std::pair<std::string, std::vector<std::string>>> declared_graph() {
  std::vector<std::pair<std::string, std::vector<std::string>>> graph;
  std::istringstream lines(read_file(STARGATE_LAYER_GRAPH));
  for (std::string line; std::getline(lines, line);) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::vector<std::string> deps;
    std::istringstream words(line.substr(colon + 1));
    for (std::string w; words >> w;) deps.push_back(w);
    graph.emplace_back(line.substr(0, colon), deps);
  }
  return graph;
}

std::map<std::string, std::set<std::string>> visible_layers() {
  std::map<std::string, std::set<std::string>> visible;
  for (const auto& [layer, deps] : declared_graph()) {
    std::set<std::string>& v = visible[layer];
    v.insert(layer);
    for (const std::string& d : deps) v.insert(visible[d].begin(), visible[d].end());
  }
  return visible;
}

TEST(LayerGraph, DeclaresEveryLayerFolderBelowItsUsers) {
  const auto visible = visible_layers();
  ASSERT_FALSE(visible.empty()) << "no graph at " << STARGATE_LAYER_GRAPH;
  for (const auto& entry : fs::directory_iterator(fs::path(STARGATE_SOURCE_DIR) / "src")) {
    EXPECT_TRUE(visible.count(entry.path().filename().string())) << entry.path() << " is not a declared layer";
  }
}

TEST(LayerGraph, NoFileIncludesALayerItCannotSee) {
  const auto visible = visible_layers();
  const std::regex include_re(R"(#include\s+[<"](?:stargate/)?([a-z_]+)/)");
  const std::regex relative_re(R"(#include\s+"\.\./)");
  for (const char* root : {"src", "include/stargate"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(STARGATE_SOURCE_DIR) / root)) {
      if (!entry.is_regular_file()) continue;
      const std::string layer = fs::relative(entry.path(), fs::path(STARGATE_SOURCE_DIR) / root).begin()->string();
      const auto allowed = visible.find(layer);
      if (allowed == visible.end()) continue;
      std::istringstream lines(read_file(entry.path()));
      int line_number = 0;
      for (std::string line; std::getline(lines, line);) {
        ++line_number;
        EXPECT_FALSE(std::regex_search(line, relative_re))
            << entry.path() << ":" << line_number << ": include another folder's file by its layer path";
        std::smatch m;
        if (!std::regex_search(line, m, include_re) || !visible.count(m[1].str())) continue;
        EXPECT_TRUE(allowed->second.count(m[1].str()))
            << entry.path() << ":" << line_number << ": layer '" << layer << "' includes '" << m[1].str()
            << "', which is not below it in CMakeLists.txt";
      }
    }
  }
}

TEST(LayerGraph, ArchitectureDocShowsTheDeclaredGraph) {
  const std::string doc = read_file(fs::path(STARGATE_SOURCE_DIR) / "docs" / "architecture.md");
  const std::string begin = "<!-- layer-graph: generated from CMakeLists.txt by scripts/gen-layer-graph.sh -->\n```\n";
  const auto start = doc.find(begin);
  ASSERT_NE(start, std::string::npos) << "docs/architecture.md has no generated layer-graph block";
  const auto body = start + begin.size();
  const auto end = doc.find("```", body);
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(doc.substr(body, end - body), read_file(STARGATE_LAYER_GRAPH))
      << "docs/architecture.md is stale: run scripts/gen-layer-graph.sh";
}

}  // namespace
