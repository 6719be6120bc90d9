// `stargate serve SCENARIO --offline [--requests N] [--json]`: the workload as a static batch, said to be an offline
// run in text and JSON, with benchmark figures (tokens/s, requests/s, per-request latency); --offline does not mix
// with --capacity or --search; a misspelled or contradictory serving.engine is an error at file:line:field.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "cli/run_stargate.h"

namespace {

using stargate::testing_cli::CommandResult;
using stargate::testing_cli::run_stargate;
using stargate::testing_cli::scenario_path;

const std::string kScenario = scenario_path("serve-llama8b-h100.yaml");

TEST(ServeOffline, TextSaysItIsAnOfflineStaticBatchAndGivesBenchmarkFigures) {
  const CommandResult r = run_stargate("serve " + kScenario + " --offline --requests 300");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("offline run      static batch of 300 requests queued at t = 0, no arrivals", 0), 0u) << r.out;
  for (const char* line : {"300 completed", "output tok/s", "total tok/s", "req/s", "TTFT", "TPOT", "end-to-end"}) {
    EXPECT_NE(r.out.find(line), std::string::npos) << line;
  }
}

TEST(ServeOffline, JsonMarksTheModeAndKeepsTheServingFields) {
  const CommandResult r = run_stargate("serve " + kScenario + " --offline --requests 300 --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["mode"], "offline");
  EXPECT_EQ(j["offline"]["requests"], 300);
  EXPECT_EQ(j["completed"], 300);
  const double duration = j["duration_s"];
  EXPECT_NEAR(j["throughput"]["output_tokens_per_s"].get<double>(), j["output_tokens"].get<double>() / duration,
              1e-6 * j["throughput"]["output_tokens_per_s"].get<double>());
  EXPECT_NEAR(j["throughput"]["requests_per_s"].get<double>(), 300 / duration, 1e-9 * 300 / duration);
  for (const char* latency : {"ttft", "tpot", "e2e"}) {
    for (const char* stat : {"mean_s", "p50_s", "p90_s", "p99_s"}) EXPECT_GT(j[latency][stat].get<double>(), 0);
  }
}

TEST(ServeOffline, AServingRunWithoutTheFlagHasNoMode) {
  const CommandResult r = run_stargate("serve " + kScenario + " --requests 100 --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_FALSE(nlohmann::json::parse(r.out).contains("mode"));
}

TEST(ServeOffline, DoesNotMixWithCapacityOrSearch) {
  for (const char* other : {"--capacity", "--search"}) {
    const CommandResult r = run_stargate("serve " + kScenario + " --offline " + other);
    EXPECT_EQ(r.exit_code, 2) << other << r.out;
    EXPECT_NE(r.out.find("--offline"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(other), std::string::npos) << r.out;
  }
}

struct BadEngine {
  const char* lines;  // the serving lines that go wrong
  const char* where;  // file:line of the error
  const char* field;
  const char* message;
};

TEST(ServeEngineField, MisspelledOrContradictoryEngineIsAnErrorAtFileLineField) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("stargate_serve_engine_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const BadEngine cases[] = {
      {"  engine: pytorch_graphs\n", "bad.yaml:5", "serving.engine", "pytorch_cuda_graphs"},
      {"  engine: pytorch_eager\n  cuda_graphs: true\n", "bad.yaml:6", "serving.cuda_graphs",
       "use engine pytorch_cuda_graphs"},
      {"  cuda_graphs: false\n  engine: pytorch_cuda_graphs\n", "bad.yaml:5", "serving.cuda_graphs",
       "use engine pytorch_eager"},
  };
  for (const BadEngine& c : cases) {
    const std::filesystem::path file = dir / "bad.yaml";
    std::ofstream(file) << "cluster: {accelerator: h100-sxm, gpus: 1}\nmodel: llama3.1-8b\nserving:\n  tp: 1\n"
                        << c.lines << "  workload: {arrival: offline, requests: 4, input: 128, output: 8}\n";
    const CommandResult r = run_stargate("serve " + file.string() + " --offline");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find(c.where), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(c.field), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(c.message), std::string::npos) << r.out;
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
