// Mistakes a new user makes are errors (exit 2) that say what is wrong and suggest what was meant; numbers in
// search outputs say what they are.
#include <gtest/gtest.h>

#include <fstream>

#include <unistd.h>
#include <nlohmann/json.hpp>

#include "run_stargate.h"

namespace stargate::testing_cli {
namespace {

// Written under the test temp dir with this process's id, so concurrent suites (other checkouts) never share it.
std::string write_scenario(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "stargate-" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path) << text;
  return path;
}

std::string gpt3_on(int gpus, const std::string& plan) {
  return "cluster: {accelerator: a100-80gb, node: dgx-a100, fabric: infiniband-hdr, gpus: " + std::to_string(gpus) +
         "}\nmodel: gpt3-175b\ntraining:\n  seq_len: 2048\n  global_batch: 512\n  tokens: 300B\n  plan: " + plan + "\n";
}

struct Mistake {
  const char* name;
  std::string args;
  std::vector<std::string> says;  // each must appear in the output
};

std::ostream& operator<<(std::ostream& out, const Mistake& m) { return out << m.name; }

class UserMistakeIsBadInputThatSaysWhy : public ::testing::TestWithParam<Mistake> {};

TEST_P(UserMistakeIsBadInputThatSaysWhy, ExitsTwo) {
  const CommandResult r = run_stargate(GetParam().args);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  for (const std::string& part : GetParam().says) EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
}

INSTANTIATE_TEST_SUITE_P(
    Cli, UserMistakeIsBadInputThatSaysWhy,
    ::testing::Values(
        Mistake{"misspelled_command", "trian x.yaml", {"unknown command 'trian'; did you mean 'train'?"}},
        Mistake{"unknown_command_without_suggestion", "frobnicate", {"unknown command 'frobnicate'", "commands: "}},
        Mistake{"accelerator_family_prefix",
                "serve " + scenario_path("serve-llama8b-h100.yaml") + " --capacity --accelerators h100",
                {"--accelerators", "'h100'", "did you mean 'h100-sxm' or 'h100-96gb-500w'?"}},
        Mistake{"unknown_accelerator_in_comma_list",
                "serve " + scenario_path("serve-llama8b-h100.yaml") + " --capacity --accelerators h100-sxm,h2000",
                {"--accelerators", "'h2000'", "did you mean 'h200'?"}},
        Mistake{"unknown_accelerator_in_search",
                "search " + scenario_path("serve-llama8b-h100.yaml") + " --accelerators b2000",
                {"--accelerators", "'b2000'"}},
        Mistake{"directory_as_scenario", "train " + std::string(STARGATE_SOURCE_DIR) + "/data", {"is a directory"}},
        Mistake{"missing_scenario", "train /nonexistent/x.yaml", {"No such file or directory"}},
        Mistake{"plan_over_hbm",
                "train " + write_scenario("over_hbm.yaml", gpt3_on(512, "{tp: 1, pp: 4, dp: 128, micro_batch: 4, "
                                                                   "zero: 0, recompute: none}")),
                {"does not fit in HBM", "more than the usable 76.0 GiB of the a100-80gb's 80.0 GiB", "if it fitted: step",
                 "the fastest plans that fit", "TP"}},
        Mistake{"search_constraint_rejects_all",
                "search " + scenario_path("gpt3-175b-512-a100.yaml") + " --max-step-seconds 0.5",
                {"no plan passes", "violates a constraint", "nearest constraint to relax: --max-step-seconds 11.", "admits TP"}},
        Mistake{"search_nothing_fits_in_hbm",
                "search " + write_scenario("tiny.yaml", gpt3_on(8, "{tp: 8, pp: 1, dp: 1}")),
                {"no plan passes", "does not fit in HBM", "no plan fits in HBM on 8 a100-80gb"}}),
    [](const ::testing::TestParamInfo<Mistake>& info) { return std::string(info.param.name); });

TEST(AcceleratorList, CommaAndSpaceFormsAreTheSame) {
  const std::string base = "serve " + scenario_path("serve-llama8b-h100.yaml") + " --capacity --json --accelerators ";
  const CommandResult spaced = run_stargate(base + "h100-sxm h200");
  const CommandResult commas = run_stargate(base + "h100-sxm,h200");
  ASSERT_EQ(spaced.exit_code, 0) << spaced.out;
  ASSERT_EQ(commas.exit_code, 0) << commas.out;
  EXPECT_EQ(spaced.out, commas.out);
  EXPECT_NE(commas.out.find("\"h200\""), std::string::npos);
}

TEST(SearchByCost, TableShowsTheObjectiveWithItsUnit) {
  const CommandResult r = run_stargate("search " + scenario_path("gpt3-175b-512-a100.yaml") + " --objective cost --top 3");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("ranked by cost (USD per step)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("USD/step"), std::string::npos) << r.out;
}

TEST(SearchByCost, WinnersRunBlockIsTheWholeRun) {
  const CommandResult r = run_stargate("search " + scenario_path("gpt3-175b-512-a100.yaml") + " --objective cost --json --top 2");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["best"].size(), 2u);
  for (const nlohmann::json& winner : j["best"]) {
    const nlohmann::json& run = winner["estimate"]["run"];
    EXPECT_GT(run["steps"].get<double>(), 0) << run;
    EXPECT_GT(run["wall_seconds"].get<double>(), 0) << run;
    EXPECT_GT(run["gpu_hours"].get<double>(), 0) << run;
    EXPECT_GT(run["it_energy_joules"].get<double>(), 0) << run;
  }
}

TEST(ServeSearch, FeasibleCountSaysHowManyRowsAreShown) {
  const CommandResult r = run_stargate("serve " + scenario_path("serve-llama8b-h100.yaml") + " --search --top 2");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find(", top 2 shown; rejected:"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace stargate::testing_cli
