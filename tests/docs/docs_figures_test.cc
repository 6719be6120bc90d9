// Figures that docs/*.md quote from the tool are generated blocks (scripts/gen-docs-figures.sh); regenerating them
// with this build changes nothing, so a doc can never quote a number the tool no longer prints.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace stargate {
namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(DocsFigures, RegeneratingTheGeneratedBlocksChangesNothing) {
  const std::string command = std::string("STARGATE='") + STARGATE_BINARY + "' '" + STARGATE_SOURCE_DIR +
                              "/scripts/gen-docs-figures.sh' --check 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0) << command << " (run scripts/gen-docs-figures.sh to refresh the docs)";
}

TEST(DocsFigures, EveryGeneratedBlockIsClosedAndTheFleetAndSearchDocsHaveOne) {
  int blocks = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(STARGATE_SOURCE_DIR) + "/docs")) {
    if (entry.path().extension() != ".md" || entry.path().filename() == "validation.md") continue;
    const std::string text = read(entry.path());
    size_t opened = 0, closed = 0;
    for (size_t at = text.find("<!-- generated: "); at != std::string::npos; at = text.find("<!-- generated: ", at + 1)) {
      ++opened;
    }
    for (size_t at = text.find("<!-- end generated -->"); at != std::string::npos;
         at = text.find("<!-- end generated -->", at + 1)) {
      ++closed;
    }
    EXPECT_EQ(opened, closed) << entry.path();
    blocks += static_cast<int>(opened);
  }
  for (const char* doc : {"fleet.md", "search.md", "serving.md"}) {
    EXPECT_NE(read(std::string(STARGATE_SOURCE_DIR) + "/docs/" + doc).find("<!-- generated: "), std::string::npos)
        << doc;
  }
  EXPECT_GT(blocks, 0);
}

}  // namespace
}  // namespace stargate
