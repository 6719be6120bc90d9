// The accelerators of 2026 (issue 16 item 5): each is a preset with a node preset, every field group cited.
#include <gtest/gtest.h>

#include <string>

#include "stargate/catalog/catalog.h"

namespace stargate {
namespace {

struct PartAndNode {
  const char* accelerator;
  const char* node;
  const char* architecture;
};

const PartAndNode kParts2026[] = {
    {"vr200", "vr200-nvl144", "rubin"},          {"b300", "dgx-b300", "blackwell"},
    {"mi325x", "mi325x-platform", "cdna3"},      {"mi355x", "mi355x-platform", "cdna4"},
    {"tpu-v5p", "tpu-v5p-host", "tpu"},          {"tpu-v6e", "tpu-v6e-host", "tpu"},
    {"tpu-ironwood", "tpu-ironwood-host", "tpu"}, {"trainium2", "trn2-48xlarge", "trainium"},
    {"gaudi3", "gaudi3-hls", "gaudi"},
};

TEST(Accelerators2026, EachPartHasAPresetAndANodeBuiltAroundIt) {
  const Catalog& c = Catalog::builtin();
  for (const PartAndNode& p : kParts2026) {
    const AcceleratorSpec* a = c.find_accelerator(p.accelerator);
    ASSERT_NE(a, nullptr) << p.accelerator;
    EXPECT_EQ(a->architecture, p.architecture) << p.accelerator;
    EXPECT_GT(a->hbm_bandwidth_bytes_per_s, 0) << p.accelerator;
    EXPECT_GT(a->hbm_stacks, 0) << p.accelerator;
    EXPECT_FALSE(a->hbm_generation.empty()) << p.accelerator;
    EXPECT_GT(a->scale_up_bandwidth_bytes_per_s, 0) << p.accelerator;
    const NodeSpec* n = c.find_node(p.node);
    ASSERT_NE(n, nullptr) << p.node;
    EXPECT_EQ(n->accelerator, p.accelerator) << p.node;
    EXPECT_GE(n->scale_up_domain, n->gpus_per_node) << p.node;
    // A node draws at least its accelerators' TDP.
    EXPECT_GE(n->node_power_watts, n->gpus_per_node * a->tdp_watts) << p.node;
  }
}

TEST(Accelerators2026, EveryNodeFieldGroupHasASource) {
  const Catalog& c = Catalog::builtin();
  for (const PartAndNode& p : kParts2026) {
    const NodeSpec* n = c.find_node(p.node);
    ASSERT_NE(n, nullptr) << p.node;
    for (const char* group :
         {"scale_up_domain", "scale_up_reduction", "nic_bandwidth_per_gpu", "node_power", "price"}) {
      auto it = n->sources.find(group);
      ASSERT_NE(it, n->sources.end()) << p.node << " has no source for " << group;
      EXPECT_GT(it->second.size(), 20u) << p.node << "." << group;
    }
  }
}

TEST(Accelerators2026, RubinOutrunsTheGb300ItReplacesInTheFleetScenarios) {
  // The fleet scenarios used GB300 figures as a Rubin stand-in; the real part must beat it on every headline.
  const Catalog& c = Catalog::builtin();
  const AcceleratorSpec* rubin = c.find_accelerator("vr200");
  const AcceleratorSpec* gb300 = c.find_accelerator("gb300");
  ASSERT_TRUE(rubin && gb300);
  EXPECT_GT(*rubin->peak(Dtype::fp8), *gb300->peak(Dtype::fp8));
  EXPECT_GT(rubin->hbm_bandwidth_bytes_per_s, gb300->hbm_bandwidth_bytes_per_s);
  EXPECT_GT(rubin->scale_up_bandwidth_bytes_per_s, gb300->scale_up_bandwidth_bytes_per_s);
  EXPECT_EQ(rubin->hbm_generation, "HBM4");
}

}  // namespace
}  // namespace stargate
