// The stargate binary as a user runs it: exit codes, --help everywhere, JSON output, errors on stderr.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/wait.h>

#include "cli/run_stargate.h"

namespace {

using stargate::testing_cli::CommandResult;
using stargate::testing_cli::scenario_path;
CommandResult run(const std::string& args) { return stargate::testing_cli::run_stargate(args); }

TEST(Cli, HelpOnEverySubcommandExitsZero) {
  for (const char* sub : {"", "catalog", "catalog list", "catalog show", "train", "validate"}) {
    CommandResult r = run(std::string(sub) + " --help");
    EXPECT_EQ(r.exit_code, 0) << sub << "\n" << r.out;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << sub;
  }
}

TEST(Cli, CatalogShowPrintsUnitsAndSources) {
  CommandResult r = run("catalog show h100-sxm");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("989 TFLOP/s"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("3.35 TB/s"), std::string::npos);
  EXPECT_NE(r.out.find("700 W"), std::string::npos);
  EXPECT_NE(r.out.find("sources:"), std::string::npos);
}

TEST(Cli, CatalogShowJsonHasTheSameFields) {
  CommandResult r = run("catalog show h100-sxm --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["id"], "h100-sxm");
  EXPECT_DOUBLE_EQ(j["fields"]["peak.bf16"]["value"].get<double>(), 989.4e12);
  EXPECT_EQ(j["fields"]["peak.bf16"]["unit"], "FLOP/s");
  EXPECT_FALSE(j["fields"]["peak.bf16"]["source"].get<std::string>().empty());
}

TEST(Cli, UnknownPresetIsBadInput) {
  CommandResult r = run("catalog show h100-sxn");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("did you mean 'h100-sxm'"), std::string::npos) << r.out;
}

TEST(Cli, UnknownOptionIsBadInput) { EXPECT_EQ(run("train --no-such-flag x.yaml").exit_code, 2); }

TEST(Cli, MissingScenarioIsBadInputWithFileName) {
  CommandResult r = run("train /nonexistent.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("/nonexistent.yaml"), std::string::npos);
}

TEST(Cli, BadScenarioReportsFileLineAndField) {
  const std::string path = testing::TempDir() + "bad_scenario.yaml";
  std::ofstream(path) << "cluster:\n  accelerator: h100-sxm\n  gpus: 8\n  gpu_type: x\nmodel: llama3-8b\n";
  CommandResult r = run("train " + path);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find(path + ":4:3: cluster.gpu_type: unknown field"), std::string::npos) << r.out;
}

TEST(Cli, TrainDefaultScenarioJsonAndTrace) {
  const std::string trace = testing::TempDir() + "trace.json";
  std::filesystem::remove(trace);
  CommandResult r = run("train " + scenario_path("llama3-405b-16k-h100.yaml") + " --json --trace " + trace);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_GT(j["step_seconds"].get<double>(), 0);
  EXPECT_GT(j["mfu"].get<double>(), 0.1);
  std::ifstream in(trace);
  nlohmann::json t = nlohmann::json::parse(in);
  EXPECT_GT(t["traceEvents"].size(), 16u * 16 * 2);  // forward and backward per micro-batch per stage
}

TEST(Cli, TraceToUnwritablePathFailsWithoutPartialFile) {
  CommandResult r = run("train " + scenario_path("llama3-405b-16k-h100.yaml") + " --trace /nonexistent-dir/trace.json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists("/nonexistent-dir/trace.json.tmp"));
}

}  // namespace
