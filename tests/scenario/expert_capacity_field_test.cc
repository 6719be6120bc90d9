// The token-dropping plan field of a scenario (expert_capacity_factor): a number in [0, 64], 0 = dropless, the
// default; anything else is an error naming the field.
#include <gtest/gtest.h>

#include "stargate/scenario/scenario.h"

namespace stargate {
namespace {

Result<Scenario> scenario(const std::string& plan_extra) {
  return parse_scenario(
      "name: token drop\n"
      "cluster: {accelerator: h100-sxm, node: dgx-h100, fabric: infiniband-ndr, gpus: 16}\n"
      "model: qwen3-30b-a3b\n"
      "training:\n"
      "  seq_len: 4096\n"
      "  global_batch: 512\n"
      "  plan: {tp: 1, pp: 2, dp: 8, ep: 8, micro_batch: 2" + plan_extra + "}\n",
      "token-drop.yaml");
}

TEST(ExpertCapacityField, DefaultsToDroplessAndReadsANumber) {
  const Result<Scenario> dropless = scenario("");
  ASSERT_TRUE(dropless.ok()) << dropless.error().to_string();
  EXPECT_EQ(dropless.value().training->plan.expert_capacity_factor, 0);
  const Result<Scenario> drop = scenario(", expert_capacity_factor: 1.25");
  ASSERT_TRUE(drop.ok()) << drop.error().to_string();
  EXPECT_EQ(drop.value().training->plan.expert_capacity_factor, 1.25);
}

TEST(ExpertCapacityField, OutOfRangeOrTextIsAnErrorNamingTheField) {
  for (const char* bad : {", expert_capacity_factor: -1", ", expert_capacity_factor: 65",
                          ", expert_capacity_factor: lots"}) {
    const Result<Scenario> s = scenario(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.error().field.find("expert_capacity_factor"), std::string::npos) << s.error().to_string();
  }
}

}  // namespace
}  // namespace stargate
