// `stargate net` names the algorithm it chose and why; in-network reduction only where the fabric or a flag
// enables it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_stargate.h"

namespace stargate {
namespace {

using testing_cli::run_stargate;

const std::string kPlain = "net --node dgx-h100 --fabric infiniband-ndr --gpus 64 --min-bytes 1G --max-bytes 1G";

TEST(NetAlgorithm, AutoOnPlainInfinibandSaysWhyCollnetIsNotConsidered) {
  const auto r = run_stargate(kPlain);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("# algorithm: auto, the fastest per size of ring, tree, nvls; not considered: collnet: fabric "
                       "infiniband-ndr has in_network_reduction: false"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("collnet/"), std::string::npos) << r.out;
}

TEST(NetAlgorithm, InNetworkReductionFlagLetsAutoPickCollnet) {
  const auto r = run_stargate(kPlain + " --in-network-reduction");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("ring, tree, nvls, collnet (in-network reduction forced by --in-network-reduction)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("collnet/Simple"), std::string::npos) << r.out;
}

TEST(NetAlgorithm, ForcingCollnetOnAPlainFabricIsAnErrorWithTheReason) {
  const auto r = run_stargate(kPlain + " --algo collnet");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("in_network_reduction: false"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--algo"), std::string::npos) << r.out;
}

TEST(NetAlgorithm, JsonNamesTheSelectionAndTheExcluded) {
  const auto r = run_stargate(kPlain + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  const nlohmann::json& sel = j["algorithm_selection"];
  EXPECT_EQ(sel["mode"], "auto");
  EXPECT_EQ(sel["considered"], nlohmann::json::array({"ring", "tree", "nvls"}));
  bool collnet_excluded = false;
  for (const auto& e : sel["excluded"]) collnet_excluded |= e["algorithm"] == "collnet";
  EXPECT_TRUE(collnet_excluded) << sel.dump();
  const auto forced = nlohmann::json::parse(run_stargate(kPlain + " --algo ring --json").out);
  EXPECT_EQ(forced["algorithm_selection"]["mode"], "forced");
  EXPECT_EQ(forced["rows"][0]["algorithm"], "ring");
}

}  // namespace
}  // namespace stargate
