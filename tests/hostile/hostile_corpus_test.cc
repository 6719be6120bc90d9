// The hostile-input corpus (tests/hostile/corpus.json, made by generate_corpus.py): every case runs the stargate
// binary on malformed or adversarial input under a time and memory limit and must end with its expected exit
// code and message, never crash, hang or blow up, and never print NaN, infinity or a negative physical figure.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "parameter_name.h"

namespace {

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Limits per case: generous for a loaded 2-core machine, far below what a hang or blow-up takes.
constexpr int kTimeoutSeconds = kSanitized ? 180 : 60;
constexpr long long kAddressSpaceBytes = 6LL << 30;  // virtual memory cap (not usable under ASan)
constexpr int kSanitizedRssMib = 3072;

struct HostileCase {
  std::string name, cls, kind, stdout_mode, message;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, nlohmann::json>> files;
  int exit_code = 0;
};

// Test output names the case, not its bytes.
void PrintTo(const HostileCase& c, std::ostream* out) { *out << c.name << " (" << c.cls << ", " << c.kind << ")"; }

std::vector<HostileCase> load_corpus() {
  std::ifstream in(std::string(STARGATE_SOURCE_DIR) + "/tests/hostile/corpus.json");
  const nlohmann::json doc = nlohmann::json::parse(in);
  std::vector<HostileCase> out;
  for (const nlohmann::json& c : doc.at("cases")) {
    HostileCase h{.name = c.at("name"), .cls = c.at("class"), .kind = c.at("kind"), .stdout_mode = c.at("stdout"),
                  .message = c.at("message"), .args = c.at("args").get<std::vector<std::string>>(),
                  .exit_code = c.at("exit")};
    for (const auto& [file, content] : c.at("files").items()) h.files.emplace_back(file, content);
    out.push_back(std::move(h));
  }
  return out;
}

std::string shell_quote(const std::string& word) {
  std::string out = "'";
  for (char ch : word) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The corpus stores bytes as JSON text: a string whose code points are all below 256 stands for those bytes (so
// invalid UTF-8 can be written); any other string is written as its UTF-8.
std::string file_bytes(const std::string& utf8) {
  std::string bytes;
  for (size_t i = 0; i < utf8.size(); ++i) {
    const unsigned char lead = static_cast<unsigned char>(utf8[i]);
    if (lead < 0x80) {
      bytes += static_cast<char>(lead);
    } else if ((lead & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
      bytes += static_cast<char>(((lead & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F));
    } else {
      return utf8;  // a code point of 0x800 or more: real UTF-8 text
    }
  }
  return bytes;
}

void write_case_files(const fs::path& dir, const HostileCase& c) {
  for (const auto& [name, content] : c.files) {
    std::ofstream out(dir / name, std::ios::binary);
    if (content.is_string()) {
      out << file_bytes(content.get<std::string>());
    } else {
      const std::string fill = content.at("fill");
      const size_t bytes = content.at("bytes");
      out << std::string(bytes, fill.at(0));
    }
  }
}

struct RunOutcome {
  int exit_code;  // 128 + signal when killed
  std::string out, err;
};

RunOutcome run_case(const fs::path& dir, const HostileCase& c) {
  std::string command = "cd " + shell_quote(dir.string()) + " && ";
  if (kSanitized) {
    command += "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=" + std::to_string(kSanitizedRssMib) +
               "\" ";
  }
  command += "timeout -s KILL " + std::to_string(kTimeoutSeconds) + " ";
  if (!kSanitized) command += "prlimit --as=" + std::to_string(kAddressSpaceBytes) + " -- ";
  command += shell_quote(STARGATE_BINARY);
  for (const std::string& a : c.args) command += " " + shell_quote(a);
  if (c.stdout_mode == "full") command += " >/dev/full";
  else if (c.stdout_mode == "closed") command += " >&-";
  else command += " >stdout.txt";
  command += " 2>stderr.txt";
  const int status = std::system(command.c_str());
  RunOutcome r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_all(dir / "stdout.txt");
  r.err = read_all(dir / "stderr.txt");
  return r;
}

// NaN or infinity written as a number ("nan", "-nan", "inf", "inf%"), not inside a word ("info", "InfiniBand").
bool prints_non_finite(const std::string& text) {
  static const std::regex pattern("(^|[^A-Za-z_])-?(nan|inf|infinity)([^A-Za-z_]|$)", std::regex::icase);
  return std::regex_search(text, pattern);
}

// A negative figure ("-12 ms", ": -3.5"), except percentages (signed errors) and ranges or dates ("2025-01").
bool prints_negative_figure(const std::string& text) {
  static const std::regex pattern("(^|[\\s:=(\\[,$])-[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?(?![0-9.]*\\s*%)");
  return std::regex_search(text, pattern);
}

class Hostile : public testing::TestWithParam<HostileCase> {};

TEST_P(Hostile, EndsWithItsExpectedExitAndMessage) {
  const HostileCase& c = GetParam();
  char pattern[] = "/tmp/stargate-hostile-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const fs::path dir = pattern;
  write_case_files(dir, c);
  const RunOutcome r = run_case(dir, c);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  const std::string context = "class " + c.cls + ", kind " + c.kind + "\nstderr:\n" + r.err.substr(0, 4000) +
                              "\nstdout:\n" + r.out.substr(0, 2000);
  ASSERT_NE(r.exit_code, 137) << "killed: over " << kTimeoutSeconds << " s or the memory limit\n" << context;
  EXPECT_EQ(r.exit_code, c.exit_code) << context;
  EXPECT_NE((r.err + r.out).find(c.message), std::string::npos) << "expected '" << c.message << "'\n" << context;
  EXPECT_EQ(r.err.find("runtime error"), std::string::npos) << context;
  EXPECT_EQ(r.err.find("Sanitizer"), std::string::npos) << context;
  if (c.exit_code != 1) {
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << context;
  }
  if (c.exit_code != 0) {
    EXPECT_FALSE(r.err.empty()) << "no message on stderr\n" << context;
  }
  EXPECT_FALSE(prints_non_finite(r.out)) << context;
  if (c.args.empty() || c.args[0] != "validate") {
    // Spearman's rank correlations (plan --monte-carlo, the table after "What drives the spread") are signed like
    // errors: that table, the end of the output, is left out of the check.
    EXPECT_FALSE(prints_negative_figure(r.out.substr(0, r.out.find("\nWhat drives the spread")))) << context;
  }
}

std::string_view label(const HostileCase& c) { return c.name; }

INSTANTIATE_TEST_SUITE_P(Corpus, Hostile, testing::ValuesIn(load_corpus()), stargate::test_names::ParameterName{});

TEST(HostileCorpus, CoversEveryInputKindAndClassWithAtLeast250Cases) {
  const std::vector<HostileCase> corpus = load_corpus();
  EXPECT_GE(corpus.size(), 250u);
  std::set<std::string> kinds, classes;
  for (const HostileCase& c : corpus) kinds.insert(c.kind), classes.insert(c.cls);
  for (const char* kind : {"training_scenario", "serving_scenario", "trace_csv", "fleet", "validation_yaml",
                           "validation_json", "cli"}) {
    EXPECT_TRUE(kinds.count(kind)) << kind;
  }
  for (const char* cls : {"divisor", "overflow", "zero_rate", "empty", "unbounded", "validation", "cli", "output",
                          "messages", "malformed"}) {
    EXPECT_TRUE(classes.count(cls)) << cls;
  }
}

TEST(HostileCorpus, OutputChecksCatchNonFiniteAndNegativeFigures) {
  EXPECT_TRUE(prints_non_finite("MFU inf%"));
  EXPECT_TRUE(prints_non_finite("step -nan ns"));
  EXPECT_FALSE(prints_non_finite("InfiniBand info inference"));
  EXPECT_TRUE(prints_negative_figure("step time -2.5 s"));
  EXPECT_FALSE(prints_negative_figure("error -12.5 %"));
  EXPECT_FALSE(prints_negative_figure("2025-01 h100-sxm"));
}

}  // namespace
