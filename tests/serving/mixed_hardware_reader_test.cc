// A disaggregated pool may name its own accelerator, node and price (docs/serving.md, "Mixed hardware"): read
// strictly, priced by the cost model for its own node, errors naming file:line and the field.
#include <gtest/gtest.h>

#include "stargate/catalog/catalog.h"
#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/scenario/scenario.h"

namespace stargate {
namespace {

std::string scenario(const std::string& prefill, const std::string& decode, const std::string& extra = "") {
  return "cluster: {accelerator: h200, gpus: 8}\n"
         "model: llama3.1-70b\n"
         "serving:\n"
         "  prefill: " + prefill + "\n"
         "  decode: " + decode + "\n" + extra +
         "  workload: {arrival: poisson, rate: 2, requests: 100, input: 1024, output: 128}\n";
}

TEST(MixedHardwareReader, PoolsNameTheirOwnAcceleratorAndArePricedForIt) {
  Result<Scenario> s = parse_scenario(scenario("{replicas: 1, tp: 4}", "{replicas: 2, tp: 4, accelerator: b200}"),
                                      "mixed.yaml");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  const ServingDeployment& d = s.value().serving->deployment;
  EXPECT_FALSE(d.prefill_pool->hardware.has_value());  // the cluster's H200s
  ASSERT_TRUE(d.decode_pool->hardware.has_value());
  const PoolHardware& b200 = *d.decode_pool->hardware;
  EXPECT_EQ(b200.accelerator.id, "b200");
  EXPECT_EQ(b200.node.accelerator, "b200");  // the first node preset built around it
  const Cluster on_b200 = pool_cluster(s.value().cluster, *d.decode_pool);
  EXPECT_DOUBLE_EQ(b200.gpu_hour_cost.total_usd(), gpu_hour_cost(on_b200, default_cost_assumptions()).total_usd());
  EXPECT_TRUE(d.mixed_hardware());
}

TEST(MixedHardwareReader, PoolPriceAndNodeAreRead_AndClusterPriceStaysWithTheClustersCard) {
  Result<Scenario> s = parse_scenario(
      scenario("{replicas: 1, tp: 4, price_per_gpu: $3.5/h}", "{replicas: 1, tp: 8, accelerator: b200}",
               "  price_per_gpu: $2.5/h\n"),
      "price.yaml");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  const ServingDeployment& d = s.value().serving->deployment;
  EXPECT_DOUBLE_EQ(d.pool_price(*d.prefill_pool).total_usd(), 3.5);  // its own price on the cluster's card
  EXPECT_FALSE(d.pool_price(*d.decode_pool).is_explicit());          // the B200s: the cost model's
}

TEST(MixedHardwareReader, PoolOnTheClustersOwnCard_IsTheClustersHardware) {
  Result<Scenario> s = parse_scenario(scenario("{replicas: 1, tp: 4, accelerator: h200}", "{replicas: 1, tp: 4}"),
                                      "same.yaml");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_FALSE(s.value().serving->deployment.mixed_hardware());
}

TEST(MixedHardwareReader, PoolsOnTheirOwnHardwareDoNotCountAgainstTheClustersGpus) {
  // 8 H200s in the cluster: 2×4 prefill fit; 4×8 decode B200s bring their own GPUs.
  EXPECT_TRUE(parse_scenario(scenario("{replicas: 2, tp: 4}", "{replicas: 4, tp: 8, accelerator: b200}"), "a.yaml").ok());
  Result<Scenario> over = parse_scenario(scenario("{replicas: 3, tp: 4}", "{replicas: 1, tp: 8, accelerator: b200}"),
                                         "over.yaml");
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.error().message.find("12 GPUs"), std::string::npos) << over.error().to_string();
}

TEST(MixedHardwareReader, ErrorsNameFileLineAndField) {
  struct Row { std::string prefill, decode; const char* field; const char* words; };
  const Row rows[] = {
      {"{replicas: 1, tp: 4}", "{replicas: 1, tp: 4, accelerator: b201}", "serving.decode.accelerator", "b200"},
      {"{replicas: 1, tp: 4, node: dgx-h9}", "{replicas: 1, tp: 4}", "serving.prefill.node", "hgx-h200"},
      {"{replicas: 1, tp: 4, price_per_gpu: 3}", "{replicas: 1, tp: 4}", "serving.prefill.price_per_gpu", "USD per hour"},
      {"{replicas: 1, tp: 4, gpu: b200}", "{replicas: 1, tp: 4}", "serving.prefill", "gpu"},
  };
  for (const Row& row : rows) {
    Result<Scenario> s = parse_scenario(scenario(row.prefill, row.decode), "bad.yaml");
    ASSERT_FALSE(s.ok()) << row.prefill << " / " << row.decode;
    const std::string text = s.error().to_string();
    EXPECT_EQ(s.error().location.file, "bad.yaml");
    EXPECT_EQ(s.error().location.line, row.decode.find("b201") != std::string::npos ? 5 : 4) << text;
    EXPECT_NE(text.find(row.field), std::string::npos) << text;
    EXPECT_NE(text.find(row.words), std::string::npos) << text;
  }
}

TEST(MixedHardwareReader, TpWiderThanThePoolsOwnNodeIsRejected) {
  // A node preset with fewer than 8 GPUs cannot hold a tp 8 pool.
  const NodeSpec* small = nullptr;
  for (const NodeSpec& n : Catalog::builtin().nodes()) {
    if (n.gpus_per_node < 8 && (!small || n.gpus_per_node < small->gpus_per_node)) small = &n;
  }
  if (!small) GTEST_SKIP() << "no node preset with fewer than 8 GPUs";
  Result<Scenario> s = parse_scenario(
      scenario("{replicas: 1, tp: 4}", "{replicas: 1, tp: 8, accelerator: " + small->accelerator + ", node: " +
                                           small->id + "}"),
      "tp.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find(small->id), std::string::npos) << s.error().to_string();
}

}  // namespace
}  // namespace stargate
