// `stargate train` with `auto` plan fields: the completion is printed (text) and reported (JSON), and a plan
// whose auto fields have no fitting completion is bad input.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "run_stargate.h"

namespace stargate::testing_cli {
namespace {

// GPT-3 175B, TP 8 · PP 8 · DP 6, 4096-token sequences, no recompute: only micro_batch 1 fits in 80 GiB (derived
// in tests/search/plan_completion_test.cc).
std::string write_scenario(const std::string& name, const std::string& plan) {
  const std::string path = testing::TempDir() + name;
  std::ofstream(path) << "name: auto plan\n"
                         "cluster: {accelerator: a100-80gb, node: dgx-a100, fabric: infiniband-hdr, gpus: 384}\n"
                         "model: megatron-gpt-175b\n"
                         "training:\n"
                         "  seq_len: 4096\n"
                         "  global_batch: 1536\n"
                         "  plan: " + plan + "\n";
  return path;
}

const char* kAutoMicroBatch = "{tp: 8, pp: 8, dp: 6, vpp: 1, micro_batch: auto, zero: 0, recompute: none, precision: fp16}";

TEST(TrainAuto, JsonReportsTheChosenFieldsAndTheRange) {
  CommandResult r = run_stargate("train " + write_scenario("auto_mb.yaml", kAutoMicroBatch) + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.contains("completion")) << r.out;
  const nlohmann::json& c = j["completion"];
  EXPECT_EQ(c["fields"], nlohmann::json({{"micro_batch", 1}}));
  EXPECT_EQ(c["completions"], 1);
  EXPECT_GT(c["candidates"].get<int>(), 1);
  EXPECT_DOUBLE_EQ(c["step_seconds_min"].get<double>(), c["step_seconds_max"].get<double>());
}

TEST(TrainAuto, TextStartsWithTheCompletionAndAFullPlanHasNone) {
  CommandResult r = run_stargate("train " + write_scenario("auto_mb_text.yaml", kAutoMicroBatch));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.rfind("completion: micro_batch=1 ", 0), 0u) << r.out;
  const std::string full = "{tp: 8, pp: 8, dp: 6, vpp: 1, micro_batch: 1, zero: 0, recompute: none, precision: fp16}";
  CommandResult f = run_stargate("train " + write_scenario("full.yaml", full) + " --json");
  ASSERT_EQ(f.exit_code, 0) << f.out;
  EXPECT_FALSE(nlohmann::json::parse(f.out).contains("completion"));
}

TEST(TrainAuto, NoFittingCompletionIsBadInput) {
  // PP 4 with ZeRO-0: 18 B × 175e9 / 32 ≈ 92 GiB of weights and optimizer states alone.
  const std::string plan = "{tp: 8, pp: 4, dp: 12, vpp: 1, micro_batch: auto, zero: 0, recompute: full, precision: fp16}";
  CommandResult r = run_stargate("train " + write_scenario("auto_none.yaml", plan));
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("no completion of the plan's auto fields"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace stargate::testing_cli
