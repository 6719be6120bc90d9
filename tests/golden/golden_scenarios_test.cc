// Golden scenarios: each data/scenarios file listed in tests/golden/*.json goes through the whole training model;
// step time, MFU and memory must stay within the file's relative tolerance, the micro-batch count and fit exactly.
// A change that moves them is either a bug or a model change that updates the golden file in the same commit
// (regenerate with `build/stargate train SCENARIO --json`).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "stargate/net/cluster_collectives.h"
#include "stargate/scenario/scenario.h"
#include "stargate/sim/training_step.h"

namespace stargate {
namespace {

TEST(GoldenScenarios, TrainingOutputsStayWithinTolerance) {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(STARGATE_SOURCE_DIR) + "/tests/golden")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    const nlohmann::json golden = nlohmann::json::parse(in);
    const std::string path = std::string(STARGATE_SOURCE_DIR) + "/" + golden["scenario"].get<std::string>();
    Result<Scenario> loaded = load_scenario_file(path);
    ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
    const Scenario& s = loaded.value();
    const KernelCostModel kernels = KernelCostModel::for_device(s.cluster.accelerator);
    const auto net = make_cluster_collectives(s.cluster);
    const TrainingEstimate e = estimate_training_step(s.model, s.cluster, *s.training, kernels, *net);
    const double tol = golden["tolerance"].get<double>();
    const nlohmann::json& x = golden["expect"];
    const std::string name = entry.path().filename().string();
    EXPECT_NEAR(e.step_seconds, x["step_seconds"].get<double>(), tol * x["step_seconds"].get<double>()) << name;
    EXPECT_NEAR(e.mfu, x["mfu"].get<double>(), tol * x["mfu"].get<double>()) << name;
    EXPECT_NEAR(e.memory.total_bytes(), x["memory_total_bytes"].get<double>(),
                tol * x["memory_total_bytes"].get<double>()) << name;
    EXPECT_EQ(e.micro_batches, x["micro_batches"].get<int>()) << name;
    EXPECT_EQ(e.fits, x["fits"].get<bool>()) << name;
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

}  // namespace
}  // namespace stargate
