// `stargate net --flow --op all_to_all` says how it solved the flows: by classes where the fabric is uniform (a
// whole site in well under a second), flow by flow with the reason elsewhere, and an error where flow by flow
// would not finish.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_stargate.h"

namespace stargate {
namespace {

using testing_cli::run_stargate;

const std::string kAllToAll = "net --op all_to_all --flow --min-bytes 1G --max-bytes 1G";

TEST(NetFlowAggregation, AWholeSiteSolvesByClasses) {
  // 1,824 NVL72 racks (57 leaf groups of 32 per rail), 2 planes: 488M flows in 3 classes.
  const auto r = run_stargate(kAllToAll + " --node gb200-nvl72 --gpus 131328 --planes 2 --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["flow_aggregation"]["aggregated"], true);
  EXPECT_EQ(j["flow_aggregation"]["classes"], 3);
  EXPECT_DOUBLE_EQ(j["flow_aggregation"]["flows"].get<double>(), 131328.0 * 1823 * 2 + 131328.0 * 71);
  EXPECT_GT(j["rows"][0]["time_us"].get<double>(), 0);
}

TEST(NetFlowAggregation, AnUnevenLeafFallsBackToFlowsAndSaysWhy) {
  const auto r = run_stargate(kAllToAll + " --node dgx-h100 --gpus 520");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("# flow model: per flow (36920 flows); classes not exact: uneven nodes per leaf: 65 nodes in "
                       "leaves of 32 nodes (a partial last leaf)"),
            std::string::npos)
      << r.out;
}

TEST(NetFlowAggregation, AFallbackTooLargeForFlowsIsAnError) {
  const auto r = run_stargate(kAllToAll + " --node gb200-nvl72 --gpus 131072");  // not whole racks
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.out.find("--gpus"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a partial last domain"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace stargate
