// The built-in catalog and model presets: valid, cited, self-consistent; strict overrides.
#include <gtest/gtest.h>

#include "stargate/catalog/catalog.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

TEST(Catalog, BuiltinPresetsLoadAndCoverTheRequiredHardware) {
  const Catalog& c = Catalog::builtin();
  for (const char* id : {"v100-sxm2", "a100-40gb", "a100-80gb", "h100-sxm", "h100-96gb-500w", "h800", "h200", "b200",
                         "gb200", "gb300", "mi300x"}) {
    EXPECT_NE(c.find_accelerator(id), nullptr) << id;
  }
  for (const char* id : {"dgx-a100", "dgx-h100", "hgx-h200", "dgx-b200", "gb200-nvl72"}) EXPECT_NE(c.find_node(id), nullptr) << id;
  for (const char* id : {"infiniband-hdr", "infiniband-ndr", "infiniband-xdr", "ethernet-400g", "ethernet-800g", "nvlink3",
                         "nvlink4", "nvlink5"}) {
    EXPECT_NE(c.find_fabric(id), nullptr) << id;
  }
}

TEST(Catalog, EveryAcceleratorNamesItsArchitecture) {
  for (const AcceleratorSpec& a : Catalog::builtin().accelerators()) EXPECT_FALSE(a.architecture.empty()) << a.id;
  EXPECT_EQ(Catalog::builtin().find_accelerator("h100-96gb-500w")->architecture, "hopper");
  EXPECT_EQ(Catalog::builtin().find_accelerator("a100-80gb")->architecture, "ampere");
}

TEST(Catalog, EveryAcceleratorNumberHasASource) {
  for (const AcceleratorSpec& a : Catalog::builtin().accelerators()) {
    for (const char* group : {"peak", "hbm", "tdp", "scale_up_bandwidth", "price"}) {
      auto it = a.sources.find(group);
      ASSERT_NE(it, a.sources.end()) << a.id << " has no source for " << group;
      EXPECT_GT(it->second.size(), 10u) << a.id << "." << group;
    }
    EXPECT_GT(a.hbm_capacity_bytes, 0) << a.id;
    EXPECT_GT(a.tdp_watts, 0) << a.id;
    EXPECT_LE(a.price_low_usd, a.price_high_usd) << a.id;
  }
}

TEST(Catalog, PeaksFollowTheFormatLadder) {
  // Halving the bits never lowers the dense tensor peak (fp8 ≥ bf16 ≥ tf32) on any preset.
  for (const AcceleratorSpec& a : Catalog::builtin().accelerators()) {
    if (a.peak(Dtype::fp8) && a.peak(Dtype::bf16)) {
      EXPECT_GE(*a.peak(Dtype::fp8), *a.peak(Dtype::bf16)) << a.id;
    }
    if (a.peak(Dtype::bf16) && a.peak(Dtype::tf32)) {
      EXPECT_GE(*a.peak(Dtype::bf16), *a.peak(Dtype::tf32)) << a.id;
    }
  }
}

TEST(Catalog, NodesReferenceKnownAccelerators) {
  const Catalog& c = Catalog::builtin();
  for (const NodeSpec& n : c.nodes()) {
    EXPECT_NE(c.find_accelerator(n.accelerator), nullptr) << n.id;
    EXPECT_LE(n.gpus_per_node, n.scale_up_domain == 72 ? 72 : n.scale_up_domain) << n.id;
  }
}

TEST(Catalog, MisspelledRequiredFieldIsNamedAtItsLine) {
  Result<Catalog> r = Catalog::parse({{"x.yaml", "accelerators:\n  x:\n    name: X\n    vendr: Y\n"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "accelerators.x.vendr");
  EXPECT_EQ(r.error().location.line, 4);
  EXPECT_NE(r.error().message.find("did you mean 'vendor'"), std::string::npos) << r.error().to_string();
}

TEST(Catalog, MissingRequiredFieldIsNamed) {
  Result<Catalog> r = Catalog::parse({{"x.yaml", "accelerators:\n  x:\n    name: X\n"}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "accelerators.x.vendor");
  EXPECT_NE(r.error().message.find("missing required field"), std::string::npos);
}

TEST(Models, ComputedParametersMatchPublishedCounts) {
  // Within 3%: biases, norms and rounding of the published figures are the only differences.
  for (const ModelSpec& m : ModelCatalog::builtin().models()) {
    if (m.published_params <= 0) continue;
    const double computed = count_parameters(m).total();
    EXPECT_NEAR(computed / m.published_params, 1.0, 0.03) << m.id << ": " << computed << " vs " << m.published_params;
  }
}

TEST(Models, ActiveParametersOfMixtureOfExperts) {
  const ModelSpec& m = *ModelCatalog::builtin().find("mixtral-8x7b");
  const ParameterCount c = count_parameters(m);
  EXPECT_NEAR(c.active(m) / 12.9e9, 1.0, 0.03);  // Mixtral paper: 12.9B active of 46.7B
  EXPECT_NEAR(c.total() / 46.7e9, 1.0, 0.03);
}

}  // namespace
}  // namespace stargate
