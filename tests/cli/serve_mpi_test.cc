// `mpirun -n R stargate serve` splits the router groups over the ranks and prints exactly what one process prints:
// the same bytes of JSON, text and trace file for the same scenario and seed. Skipped where mpirun is not installed
// or the binary was built without MPI (STARGATE_BINARY_WITH_MPI, set by CMakeLists.txt for this file).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/run_stargate.h"

namespace stargate {
namespace {

namespace fs = std::filesystem;
using testing_cli::run_shell;

// Llama 3.1 8B on 8 H100s behind 4 routers, with prefix caching so per-replica cache figures merge too.
constexpr const char* kScenario = R"(name: four routers
cluster: {accelerator: h100-sxm, gpus: 8}
model: llama3.1-8b
serving:
  replicas: 8
  tp: 1
  weights: fp8
  router: least_outstanding
  routers: 4
  scheduler: {prefix_caching: true}
  workload:
    arrival: poisson
    rate: 60
    requests: 3000
    shared_prefix: 256
    input: {distribution: normal, mean: 800, stdev: 200, min: 16, max: 4096}
    output: {distribution: normal, mean: 150, stdev: 50, min: 1, max: 1024}
    seed: 7
)";

class ServeMpi : public testing::Test {
 protected:
  void SetUp() override {
#ifndef STARGATE_BINARY_WITH_MPI
    GTEST_SKIP() << "the stargate binary was built without MPI";
#endif
    if (std::system("command -v mpirun >/dev/null 2>&1") != 0) GTEST_SKIP() << "mpirun not installed";
    dir_ = fs::path(testing::TempDir()) / ("serve_mpi_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "routers.yaml") << kScenario;
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::string scenario() const { return (dir_ / "routers.yaml").string(); }
  // stdout only; stderr (MPI's notices) dropped.
  static std::string serve(const std::string& launcher, const std::string& args) {
    const auto r = run_shell(launcher + std::string(STARGATE_BINARY) + " serve " + args + " 2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.out;
    return r.out;
  }
  static std::string read(const fs::path& file) {
    std::ostringstream out;
    out << std::ifstream(file).rdbuf();
    return out.str();
  }
  // Leak checking is off inside the ranks only (OpenMPI's allocations, as in training_search_test.cc).
  static constexpr const char* kMpirun =
      "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ASAN_OPTIONS=detect_leaks=0 "
      "mpirun --allow-run-as-root --oversubscribe --mca btl self,vader -n ";
  fs::path dir_;
};

TEST_F(ServeMpi, TwoAndThreeRanksPrintTheSingleProcessJsonByteForByte) {
  const std::string single = serve("", scenario() + " --json");
  ASSERT_NE(single.find("\"completed\""), std::string::npos) << single;
  EXPECT_EQ(serve(std::string(kMpirun) + "2 ", scenario() + " --json"), single);
  EXPECT_EQ(serve(std::string(kMpirun) + "3 ", scenario() + " --json"), single);  // 4 groups: 2 + 1 + 1
}

TEST_F(ServeMpi, TwoRanksPrintTheSingleProcessTextAndWriteItsTrace) {
  const std::string single = serve("", scenario() + " --trace " + (dir_ / "single.json").string());
  const std::string ranks = serve(std::string(kMpirun) + "2 ", scenario() + " --trace " + (dir_ / "ranks.json").string());
  EXPECT_EQ(ranks, single);
  const std::string trace = read(dir_ / "single.json");
  EXPECT_GT(trace.size(), 1000u);
  EXPECT_EQ(read(dir_ / "ranks.json"), trace);
}

}  // namespace
}  // namespace stargate
