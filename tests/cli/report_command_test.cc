// `stargate report` on every scenario kind: the page's figures equal the JSON of the command that computes them
// (train --json, search --json, serve --json), the fleet page is the default, bad combinations are bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "cli/run_stargate.h"

namespace {

namespace fs = std::filesystem;
using stargate::testing_cli::CommandResult;
using stargate::testing_cli::run_stargate;
using stargate::testing_cli::scenario_path;

struct Page {
  std::string html;
  std::map<std::string, double> figures;  // data-figure → data-value
};

// Runs `report ARGS -o FILE` and reads the page back.
Page report(const std::string& args) {
  const fs::path file = fs::temp_directory_path() / ("stargate-report-cli-" + std::to_string(::getpid()) + ".html");
  const CommandResult r = run_stargate("report " + args + " -o " + file.string());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  std::stringstream text;
  text << std::ifstream(file).rdbuf();
  fs::remove(file);
  Page page{.html = text.str(), .figures = {}};
  const std::regex figure("data-figure=\"([^\"]+)\" data-value=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(page.html.begin(), page.html.end(), figure); it != std::sregex_iterator(); ++it) {
    page.figures[(*it)[1]] = std::stod((*it)[2]);
  }
  return page;
}

nlohmann::json json_of(const std::string& args) {
  const CommandResult r = run_stargate(args + " --json");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  return nlohmann::json::parse(r.out);
}

TEST(ReportCommand, TrainingPageFiguresEqualTrainJson) {
  const std::string scenario = scenario_path("llama3-405b-16k-h100.yaml");
  const Page page = report(scenario);
  const nlohmann::json train = json_of("train " + scenario);
  EXPECT_EQ(page.figures.at("step_seconds"), train["step_seconds"].get<double>());
  EXPECT_EQ(page.figures.at("mfu"), train["mfu"].get<double>());
  EXPECT_EQ(page.figures.at("mfu_peak_flops_per_s"), train["mfu_peak_flops_per_s"].get<double>());
  EXPECT_EQ(page.figures.at("tokens_per_second"), train["tokens_per_second"].get<double>());
  EXPECT_EQ(page.figures.at("memory_bytes.total"), train["memory_bytes"]["total"].get<double>());
  EXPECT_EQ(page.figures.at("run.gpu_hours"), train["run"]["gpu_hours"].get<double>());
  EXPECT_EQ(page.figures.at("run.it_energy_joules"), train["run"]["it_energy_joules"].get<double>());
}

TEST(ReportCommand, SearchPageFiguresEqualSearchJson) {
  const std::string scenario = scenario_path("gpt3-175b-512-a100.yaml");
  const Page page = report(scenario + " --search --top 3 --objective cost");
  const nlohmann::json search = json_of("search " + scenario + " --top 3 --objective cost");
  EXPECT_EQ(page.figures.at("best.step_seconds"), search["best"][0]["step_seconds"].get<double>());
  EXPECT_EQ(page.figures.at("best.mfu"), search["best"][0]["mfu"].get<double>());
  EXPECT_EQ(page.figures.at("stats.scored"), search["stats"]["scored"].get<double>());
  EXPECT_EQ(page.figures.at("scenario_plan.rank"), search["scenario_plan"]["rank"].get<double>());
  EXPECT_NE(page.html.find("data-chart=\"front\""), std::string::npos);
}

TEST(ReportCommand, ServingPageFiguresEqualServeJson) {
  const std::string scenario = std::string(STARGATE_SOURCE_DIR) + "/tests/data/report/serve-small-llama8b.yaml";
  const Page page = report(scenario + " --probe-requests 300");
  const nlohmann::json serve = json_of("serve " + scenario);
  EXPECT_EQ(page.figures.at("throughput.requests_per_s"), serve["throughput"]["requests_per_s"].get<double>());
  EXPECT_EQ(page.figures.at("throughput.output_tokens_per_s"), serve["throughput"]["output_tokens_per_s"].get<double>());
  EXPECT_EQ(page.figures.at("slo_attainment"), serve["slo_attainment"].get<double>());
  EXPECT_EQ(page.figures.at("ttft.p99_s"), serve["ttft"]["p99_s"].get<double>());
  EXPECT_EQ(page.figures.at("tpot.p99_s"), serve["tpot"]["p99_s"].get<double>());
  EXPECT_EQ(page.figures.at("usd_per_million_output_tokens"), serve["usd_per_million_output_tokens"].get<double>());
  EXPECT_NE(page.html.find("data-chart=\"pareto\""), std::string::npos);
}

TEST(ReportCommand, FleetPageIsTheDefaultAndForFleetFiles) {
  EXPECT_NE(report("").html.find("data-chart=\"capacity\""), std::string::npos);
  EXPECT_NE(report(scenario_path("fleet-samsung-qualified.yaml")).html.find("data-chart=\"capacity\""),
            std::string::npos);
}

TEST(ReportCommand, BadCombinationsAreBadInputNamingTheFile) {
  struct Case {
    std::string args, says;
  };
  const fs::path bare = fs::temp_directory_path() / "stargate-report-bare.yaml";
  std::ofstream(bare) << "cluster: {accelerator: h100-sxm, gpus: 8}\nmodel: llama3.1-8b\n";
  for (const Case& c : {Case{scenario_path("llama3-405b-16k-h100.yaml") + " --vary finance.pue=1..2", "--vary"},
                        Case{bare.string(), "neither a training: nor a serving: section"},
                        Case{"/nonexistent/x.yaml", "/nonexistent/x.yaml"}}) {
    const CommandResult r = run_stargate("report " + c.args + " -o /dev/null");
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.says), std::string::npos) << r.out;
  }
  fs::remove(bare);
}

}  // namespace

namespace {

// scripts/test-report-chromium.sh without a file: one report of each kind written by this binary, each rendered
// (screenshot not blank, no console message, every chart drawn with data).
TEST(ReportCommand, EveryKindRendersInHeadlessChromium) {
  if (!fs::exists("/usr/bin/chromium")) {
    GTEST_SKIP() << "/usr/bin/chromium not found: apt-get install chromium to run the rendering test";
  }
  const std::string command = "STARGATE=" + std::string(STARGATE_BINARY) + " " + STARGATE_SOURCE_DIR +
                              "/scripts/test-report-chromium.sh";
  const CommandResult r = stargate::testing_cli::run_shell(command);
  EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.out;
  for (const char* kind : {"fleet", "training", "search", "serving"}) {
    EXPECT_NE(r.out.find(std::string("PASS: ") + kind + ".html"), std::string::npos) << r.out;
  }
}

}  // namespace
