// The host-offload plan field, the FlashAttention switch and the accelerator's memory headroom in a scenario:
// values, `auto`, and input errors naming the field.
#include <gtest/gtest.h>

#include "stargate/scenario/scenario.h"

namespace stargate {
namespace {

Result<Scenario> scenario(const std::string& cluster, const std::string& training_extra, const std::string& plan_extra) {
  return parse_scenario(
      "name: offload fields\n"
      "cluster: {" + cluster + ", gpus: 512}\n"
      "model: gpt3-175b\n"
      "training:\n"
      "  seq_len: 2048\n"
      "  global_batch: 512\n" + training_extra +
      "  plan: {tp: 4, pp: 16, dp: 8, micro_batch: 1" + plan_extra + "}\n",
      "offload.yaml");
}

const std::string kA100 = "accelerator: a100-80gb, node: dgx-a100, fabric: infiniband-hdr";

TEST(OffloadFields, SharesBooleansNoneAndAuto) {
  const Result<Scenario> s = scenario(kA100, "", ", offload: {optimizer: true, activations: 0.5, weights: false}");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  const HostOffload& o = s.value().training->plan.offload;
  EXPECT_EQ(o, (HostOffload{.weights = 0, .activations = 0.5, .optimizer = 1}));
  const Result<Scenario> none = scenario(kA100, "", ", offload: none");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none.value().training->plan.offload.any());
  const Result<Scenario> open = scenario(kA100, "", ", offload: auto");
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open.value().training->open_fields.has(PlanField::offload));
}

TEST(OffloadFields, BadShareOrUnknownKindOrNodeWithoutHostLinkIsAnError) {
  const std::pair<std::string, std::string> cases[] = {
      {kA100, ", offload: {optimizer: 1.5}"},
      {kA100, ", offload: {gradients: true}"},
      // The MI300X platform has no host link in the catalog.
      {"accelerator: mi300x, node: mi300x-platform, fabric: infiniband-ndr", ", offload: {activations: true}"},
  };
  for (const auto& [cluster, extra] : cases) {
    const Result<Scenario> s = scenario(cluster, "", extra);
    ASSERT_FALSE(s.ok()) << extra;
    EXPECT_NE(s.error().to_string().find("offload"), std::string::npos) << s.error().to_string();
  }
}

TEST(OffloadFields, FlashAttentionSwitchAndHeadroomOverride) {
  const Result<Scenario> defaults = scenario(kA100, "", "");
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults.value().training->flash_attention);
  EXPECT_DOUBLE_EQ(defaults.value().cluster.accelerator.memory_headroom_fraction, kDefaultMemoryHeadroom);
  const Result<Scenario> s = scenario(
      "accelerator: {preset: a100-80gb, memory_headroom: 0.1}, node: dgx-a100, fabric: infiniband-hdr",
      "  flash_attention: false\n", "");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_FALSE(s.value().training->flash_attention);
  EXPECT_DOUBLE_EQ(s.value().cluster.accelerator.memory_headroom_fraction, 0.1);
  const Result<Scenario> bad = scenario(
      "accelerator: {preset: a100-80gb, memory_headroom: 0.9}, node: dgx-a100, fabric: infiniband-hdr", "", "");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().to_string().find("memory_headroom"), std::string::npos) << bad.error().to_string();
}

}  // namespace
}  // namespace stargate
