// Communication kernels take a count of SMs (24); the share of the card they take is 24 over the card's own
// SM (or compute-unit) count from the catalog, with the H100's 132 assumed where a part has none.
#include <gtest/gtest.h>

#include <ostream>

#include "stargate/net/cluster_collectives.h"
#include "stargate/report/training_report.h"
#include "stargate/sim/collective_sm_share.h"
#include "training_fixture.h"

namespace stargate {
namespace {

using testing_support::estimate;
using testing_support::make_cluster;
using testing_support::make_job;
using testing_support::plan;

struct SmCountCase {
  const char* accelerator;
  int sm_count;  // 0: the preset has none
};

void PrintTo(const SmCountCase& c, std::ostream* os) { *os << c.accelerator << " sm_count " << c.sm_count; }

class CatalogSmCount : public ::testing::TestWithParam<SmCountCase> {};

TEST_P(CatalogSmCount, EachCardCarriesItsOwnCountAndTheShareIsTwentyFourOverIt) {
  const AcceleratorSpec& a = *Catalog::builtin().find_accelerator(GetParam().accelerator);
  EXPECT_EQ(a.sm_count, GetParam().sm_count);
  const int divisor = GetParam().sm_count > 0 ? GetParam().sm_count : kReferenceSmCount;
  EXPECT_DOUBLE_EQ(collective_sm_share(a), 24.0 / divisor);
  EXPECT_TRUE(a.sources.count("sm_count")) << a.id;
}

INSTANTIATE_TEST_SUITE_P(Presets, CatalogSmCount,
                         ::testing::Values(SmCountCase{"v100-sxm2", 80}, SmCountCase{"a100-80gb", 108},
                                           SmCountCase{"h100-sxm", 132}, SmCountCase{"h200", 132},
                                           SmCountCase{"b200", 148}, SmCountCase{"gb300", 160},
                                           SmCountCase{"mi300x", 304}, SmCountCase{"mi355x", 256},
                                           SmCountCase{"tpu-v5p", 0}, SmCountCase{"trainium2", 0}),
                         [](const auto& info) {
                           std::string name = info.param.accelerator;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST(CollectiveSmShare, EveryPresetWithoutACountSaysWhyInItsSources) {
  for (const AcceleratorSpec& a : Catalog::builtin().accelerators()) {
    EXPECT_TRUE(a.sources.count("sm_count")) << a.id << " has no sm_count source (a count or why it is omitted)";
  }
}

// Overlapped TP and DP communication slows the compute beside it by 24/sm_count: more SMs, less slow-down.
TEST(CollectiveSmShare, OverlappedStepIsSlowerOnACardWithFewerSms) {
  ParallelPlan p = plan(8, 1, 8);
  p.sequence_parallel = true;
  p.tp_comm_overlap = TpCommOverlap::decomposed;
  p.dp_overlap = true;
  Cluster cluster = make_cluster("h100-sxm", "dgx-h100", 64);
  const TrainingJob job = make_job(8192, 64, p);
  const double at_132 = estimate("llama3-70b", cluster, job).step_seconds;
  cluster.accelerator.sm_count = 66;
  const double at_66 = estimate("llama3-70b", cluster, job).step_seconds;
  cluster.accelerator.sm_count = 264;
  const double at_264 = estimate("llama3-70b", cluster, job).step_seconds;
  EXPECT_GT(at_66, at_132);
  EXPECT_LT(at_264, at_132);
}

TEST(CollectiveSmShare, TrainTextNamesTheCardsOwnCount) {
  Result<Scenario> loaded =
      load_scenario_file(std::string(STARGATE_SOURCE_DIR) + "/data/scenarios/llama3-405b-16k-h100.yaml");
  ASSERT_TRUE(loaded.ok());
  Scenario s = loaded.value();
  s.cluster.accelerator = *Catalog::builtin().find_accelerator("a100-80gb");
  const std::string a100 = training_to_text(s, TrainingEstimate{}, TrainingRunTotals{});
  EXPECT_NE(a100.find("(24 of the a100-80gb's 108 SMs)"), std::string::npos) << a100;
  EXPECT_EQ(a100.find("H100"), std::string::npos) << a100;
  s.cluster.accelerator = *Catalog::builtin().find_accelerator("tpu-v5p");
  const std::string tpu = training_to_text(s, TrainingEstimate{}, TrainingRunTotals{});
  EXPECT_NE(tpu.find("24 of 132 SMs, the H100's: tpu-v5p has no SM count"), std::string::npos) << tpu;
}

}  // namespace
}  // namespace stargate
