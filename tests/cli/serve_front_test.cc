// `stargate serve SCENARIO --search --csv FILE --svg FILE` end to end: the JSON `pareto` points are exactly the CSV
// rows flagged on_front, the SVG parses as XML, the text lists the fronts; --csv and --svg need --search.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include <unistd.h>

#include "cli/run_stargate.h"

namespace {

using stargate::testing_cli::CommandResult;
using stargate::testing_cli::run_shell;
using stargate::testing_cli::run_stargate;
using stargate::testing_cli::scenario_path;

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One deployment as both outputs name it: kind, accelerator, tp, pp, ep, batch limits, split, GPUs.
using DeploymentKey = std::tuple<std::string, std::string, int, int, int, int, int, std::string, int>;

std::set<DeploymentKey> csv_front(const std::string& csv) {
  std::set<DeploymentKey> front;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line.substr(0, 5), "kind,");
  EXPECT_EQ(line.substr(line.size() - 9), ",on_front");
  while (std::getline(lines, line)) {
    std::vector<std::string> c;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) c.push_back(cell);
    if (c.back() != "true") continue;
    front.insert({c[0], c[1], std::stoi(c[2]), std::stoi(c[3]), std::stoi(c[4]), std::stoi(c[5]), std::stoi(c[6]),
                  c[7], std::stoi(c[10])});
  }
  return front;
}

std::set<DeploymentKey> json_front(const nlohmann::json& pareto) {
  std::set<DeploymentKey> front;
  for (const char* kind : {"aggregated", "disaggregated"}) {
    for (const nlohmann::json& p : pareto.at(kind)) {
      EXPECT_TRUE(p.at("meets_slo").get<bool>());
      front.insert({kind, p["accelerator"], p["tp"], p["pp"], p["ep"], p["max_batch_sequences"],
                    p["max_batch_tokens"], p["split"], p["gpus"]});
    }
  }
  return front;
}

TEST(ServeFront, JsonParetoPointsAreTheCsvRowsOnTheFrontAndTheSvgIsXml) {
  // Per process: concurrent test runs (other checkouts, CI stages) must not remove each other's files.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("stargate-serve-front-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::filesystem::path csv = dir / "front.csv", svg = dir / "front.svg";
  CommandResult r = run_shell(std::string(STARGATE_BINARY) + " serve " + scenario_path("serve-llama8b-h100.yaml") +
                              " --search --accelerators h100-sxm --probe-requests 200 --top 3 --json --csv " +
                              csv.string() + " --svg " + svg.string() + " 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const nlohmann::json pareto = nlohmann::json::parse(r.out).at("pareto");
  const std::set<DeploymentKey> from_json = json_front(pareto);
  EXPECT_FALSE(from_json.empty());
  EXPECT_EQ(from_json, csv_front(read(csv)));
  EXPECT_GE(pareto["deployments_sized"].get<size_t>(), from_json.size());
  CommandResult parsed = run_shell("python3 -c \"import sys, xml.etree.ElementTree as E; root = E.parse(sys.argv[1])"
                                   ".getroot(); assert root.tag == '{http://www.w3.org/2000/svg}svg'; print('ok')\" " +
                                   svg.string());
  EXPECT_EQ(parsed.exit_code, 0) << parsed.out;
  EXPECT_EQ(parsed.out, "ok\n");
  std::filesystem::remove_all(dir);
}

TEST(ServeFront, TextListsBothKindsAfterTheTable) {
  CommandResult r = run_stargate("serve " + scenario_path("serve-llama8b-h100.yaml") +
                                 " --search --accelerators h100-sxm --probe-requests 200 --top 3 2>/dev/null");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const size_t table = r.out.find("feasible: "), front = r.out.find("Pareto front, output tokens/s per GPU vs per user");
  ASSERT_NE(front, std::string::npos) << r.out;
  EXPECT_LT(table, front);
  EXPECT_NE(r.out.find("aggregated: ", front), std::string::npos);
  EXPECT_NE(r.out.find("disaggregated: ", front), std::string::npos);
}

TEST(ServeFront, FrontFilesNeedSearch) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "stargate-serve-front-misuse.csv";
  std::filesystem::remove(file);
  for (const char* flag : {"--csv", "--svg"}) {
    CommandResult r = run_stargate("serve " + scenario_path("serve-llama8b-h100.yaml") + " " + flag + " " + file.string());
    EXPECT_EQ(r.exit_code, 2) << flag;
    EXPECT_NE(r.out.find("add --search"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(file)) << flag;
  }
}

}  // namespace
