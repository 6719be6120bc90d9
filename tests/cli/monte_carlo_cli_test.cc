// `stargate plan --monte-carlo N [--seed S]` and `stargate report` on a scenario with distributions, as a user runs
// them: percentiles in text, JSON and CSV, the same bytes for the same seed (also under `mpirun -n 2`), fan charts.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli/run_stargate.h"

namespace stargate {
namespace {

using testing_cli::run_shell;
using testing_cli::run_stargate;
using testing_cli::scenario_path;

const std::string kUncertain = scenario_path("stargate-uncertain.yaml");

std::filesystem::path temp_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("stargate-mc-" + name);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(PlanMonteCarlo, JsonHasPercentilesPerQuarterAndDrivers) {
  const auto r = run_stargate("plan " + kUncertain + " --monte-carlo 300 --seed 9 --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const nlohmann::json mc = nlohmann::json::parse(r.out)["monte_carlo"];
  EXPECT_EQ(mc["draws"], 300);
  EXPECT_EQ(mc["seed"], 9);
  ASSERT_EQ(mc["quarters"].size(), 16u);
  for (const char* metric : {"gpus_installed", "it_power_gw", "bf16_flops", "spent_usd", "usd_per_million_tokens"}) {
    const nlohmann::json& last = mc["quarters"].back()[metric];
    EXPECT_LE(last["p10"].get<double>(), last["p50"].get<double>()) << metric;
    EXPECT_LE(last["p50"].get<double>(), last["p90"].get<double>()) << metric;
  }
  ASSERT_FALSE(mc["drivers"].empty());
  EXPECT_TRUE(mc["drivers"][0]["rank_correlation_final_quarter"].contains("gpus_installed"));
}

TEST(PlanMonteCarlo, SameSeedSameBytesOtherSeedOtherNumbers) {
  const std::string args = "plan " + kUncertain + " --monte-carlo 200 --json";
  const auto a = run_stargate(args + " --seed 4"), b = run_stargate(args + " --seed 4");
  const auto c = run_stargate(args + " --seed 5");
  ASSERT_EQ(a.exit_code, 0) << a.out;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out, c.out);
}

TEST(PlanMonteCarlo, TextShowsTheTableAndNoProgressBarWhenPiped) {
  const auto r = run_stargate("plan " + kUncertain + " --monte-carlo 200");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("Monte Carlo: 200 draws (seed 1)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("What drives the spread at 2028Q4"), std::string::npos);
  EXPECT_EQ(r.out.find("ETA"), std::string::npos);  // stderr is a pipe here: no progress bar
}

TEST(PlanMonteCarlo, CsvHoldsThePercentileSeries) {
  const auto csv = temp_dir("csv") / "mc.csv";
  const auto r = run_stargate("plan " + kUncertain + " --monte-carlo 100 --csv " + csv.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::ifstream in(csv);
  std::string header, line;
  std::getline(in, header);
  EXPECT_EQ(header.rfind("quarter,gpus_installed_p10,gpus_installed_p50,gpus_installed_p90,it_power_gw_p10", 0), 0u)
      << header;
  int rows = 0;
  while (std::getline(in, line)) ++rows;
  EXPECT_EQ(rows, 16);
}

TEST(PlanMonteCarlo, BadDrawCountsAreUsageErrors) {
  for (const char* n : {"0", "-5", "2.5", "nan", "1000001"}) {
    EXPECT_EQ(run_stargate(std::string("plan --monte-carlo ") + n).exit_code, 2) << n;
  }
}

TEST(PlanMonteCarlo, BadDistributionIsExit2WithFileAndLine) {
  const auto file = temp_dir("bad") / "bad.yaml";
  std::ifstream in(kUncertain);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string good = "{p10: 0.08, p50: 0.116, p90: 0.15}";
  const size_t at = text.find(good);
  ASSERT_NE(at, std::string::npos);
  const long line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
  text.replace(at, good.size(), "{p10: 0.2, p50: 0.116, p90: 0.15}");
  std::ofstream(file) << text;
  const auto r = run_stargate("plan " + file.string() + " --monte-carlo 10");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("bad.yaml:" + std::to_string(line) + ":"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("p10 must not exceed p50"), std::string::npos) << r.out;
}

// The same JSON, byte for byte, from two MPI ranks as from one process (skipped where MPI is not installed).
TEST(PlanMonteCarloMpi, TwoRanksGiveTheSingleProcessBytes) {
  if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "mpirun not installed";
  const std::string args = " plan " + kUncertain + " --monte-carlo 1000 --seed 3 --json";
  const auto single = run_shell(std::string(STARGATE_BINARY) + args + " 2>/dev/null");
  // Leak checking is off inside the ranks only (OpenMPI's allocations, as in training_search_test.cc).
  const auto ranks = run_shell("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ASAN_OPTIONS=detect_leaks=0 "
                               "mpirun --allow-run-as-root --oversubscribe --mca btl self,vader -n 2 " +
                               std::string(STARGATE_BINARY) + args + " 2>/dev/null");
  ASSERT_EQ(single.exit_code, 0) << single.out;
  ASSERT_EQ(ranks.exit_code, 0) << ranks.out;
  EXPECT_EQ(single.out, ranks.out);
}

TEST(ReportMonteCarlo, ScenarioWithDistributionsGetsFanCharts) {
  const auto html = temp_dir("report") / "uncertain.html";
  const auto r = run_stargate("report " + kUncertain + " --monte-carlo 300 -o " + html.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::ifstream in(html);
  const std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const char* id : {"fan-gpus", "fan-gw", "fan-spend", "fan-flops", "fan-cost"}) {
    EXPECT_NE(page.find(std::string("data-chart=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(page.find("class=\"band\""), std::string::npos);
  EXPECT_NE(page.find("300 Monte Carlo draws"), std::string::npos);
  // Without --monte-carlo a scenario with distributions is drawn 1000 times; a point scenario is not drawn.
  const auto default_draws = run_stargate("report " + kUncertain + " -o " + html.string());
  ASSERT_EQ(default_draws.exit_code, 0) << default_draws.out;
  std::ifstream again(html);
  EXPECT_NE(std::string((std::istreambuf_iterator<char>(again)), std::istreambuf_iterator<char>()).find("1000 Monte"),
            std::string::npos);
  if (!std::filesystem::exists("/usr/bin/chromium")) GTEST_SKIP() << "/usr/bin/chromium not found: not rendering";
  const auto rendered = run_shell(std::string(STARGATE_SOURCE_DIR) + "/scripts/test-report-chromium.sh " + html.string());
  EXPECT_EQ(rendered.exit_code, 0) << rendered.out;
}

}  // namespace
}  // namespace stargate
