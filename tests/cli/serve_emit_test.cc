// `stargate serve SCENARIO --search --emit ENGINE DIR` end to end: the launch files land in DIR and carry the
// deployment the search printed; misuse is a clear error (exit 2) that writes nothing.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/run_stargate.h"

namespace {

using stargate::testing_cli::CommandResult;
using stargate::testing_cli::run_shell;
using stargate::testing_cli::scenario_path;

std::filesystem::path fresh_directory(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("stargate-emit-test-" + name);
  std::filesystem::remove_all(dir);
  return dir;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A small search (one accelerator, short probes); stdout only, so it stays JSON.
std::string search_command(const std::string& extra) {
  return std::string(STARGATE_BINARY) + " serve " + scenario_path("serve-llama8b-h100.yaml") +
         " --search --accelerators h100-sxm --probe-requests 200 " + extra;
}

TEST(ServeEmit, WritesVllmFilesCarryingTheDeploymentTheSearchChose) {
  const std::filesystem::path dir = fresh_directory("vllm");
  CommandResult r = run_shell(search_command("--json --emit vllm " + dir.string() + " 2>/dev/null"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const nlohmann::json best = nlohmann::json::parse(r.out)["top"][0];
  const YAML::Node config = YAML::LoadFile((dir / "vllm-serve.yaml").string());
  EXPECT_EQ(config["tensor-parallel-size"].as<int>(), best["tp"].get<int>());
  EXPECT_EQ(config["max-num-seqs"].as<int>(), best["max_batch_sequences"].get<int>());
  EXPECT_EQ(config["max-num-batched-tokens"].as<int>(), best["max_batch_tokens"].get<int>());
  EXPECT_EQ(config["kv-cache-dtype"].as<std::string>(), "fp8");  // the scenario's kv_cache_dtype
  EXPECT_EQ(config["model"].as<std::string>(), "meta-llama/Llama-3.1-8B");
  const std::filesystem::path launch = dir / "launch.sh";
  EXPECT_NE((std::filesystem::status(launch).permissions() & std::filesystem::perms::owner_exec),
            std::filesystem::perms::none);
  EXPECT_NE(read(launch).find("serve-llama8b-h100.yaml"), std::string::npos);
  CommandResult syntax = run_shell("bash -n " + launch.string());
  EXPECT_EQ(syntax.exit_code, 0) << syntax.out;
  std::filesystem::remove_all(dir);
}

TEST(ServeEmit, MisuseIsAnErrorThatWritesNothing) {
  const std::filesystem::path dir = fresh_directory("misuse");
  const std::string scenario = scenario_path("serve-llama8b-h100.yaml");
  struct Case {
    std::string args, message;
  };
  const std::filesystem::path not_a_directory = fresh_directory("plain-file");
  std::ofstream(not_a_directory) << "x";
  for (const Case& c : {Case{"serve " + scenario + " --emit vllm " + dir.string(), "add --search"},
                        Case{"serve " + scenario + " --search --emit vlm " + dir.string(), "did you mean 'vllm'"},
                        Case{"serve " + scenario + " --search --emit tensorrt " + dir.string(), "trtllm"},
                        Case{"serve " + scenario + " --search --emit sglang " + not_a_directory.string(),
                             "not a directory"}}) {
    CommandResult r = stargate::testing_cli::run_stargate(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << c.args << "\n" << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir)) << c.args;
  }
  std::filesystem::remove(not_a_directory);
}

}  // namespace
