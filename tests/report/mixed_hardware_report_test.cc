// Mixed-hardware outputs: `serve` names each pool's device, GPUs and cost; `--capacity` the pools sized apart;
// `--search` a mixed row as prefill/decode accelerators with both prices.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "stargate/report/deployment_search_report.h"
#include "stargate/report/serving_report.h"

namespace stargate {
namespace {

ServingResult two_pools() {
  ServingResult r;
  r.completed = 1;
  r.gpus = 16;
  r.pools = {{.role = "prefill", .accelerator = "h200", .node = "hgx-h200", .replicas = 2, .tp = 4, .gpus = 8,
              .gpu_hour_cost = GpuHourCost{.explicit_usd = 2}, .cost_usd = 1.5},
             {.role = "decode", .accelerator = "b200", .node = "dgx-b200", .replicas = 1, .tp = 8, .gpus = 8,
              .gpu_hour_cost = GpuHourCost{.explicit_usd = 3}, .cost_usd = 2.25}};
  r.kv_transfer_bandwidth = 50e9;
  r.kv_transfer_bytes_per_token_per_gpu = 40960;
  r.cost_usd = 3.75;
  return r;
}

TEST(MixedHardwareReport, ServeText_NamesEachPoolsDeviceGpusAndCost) {
  const std::string text = serving_to_text(two_pools());
  EXPECT_NE(text.find("prefill pool     2 × tp4 on h200 (hgx-h200), 8 GPUs"), std::string::npos) << text;
  EXPECT_NE(text.find("decode pool      1 × tp8 on b200 (dgx-b200), 8 GPUs"), std::string::npos) << text;
  EXPECT_NE(text.find("$2.25"), std::string::npos) << text;
  EXPECT_NE(text.find("KV transfer      40 KiB per token per GPU at 50 GB/s per GPU"), std::string::npos) << text;
  EXPECT_NE(text.find("GPU-weighted mean"), std::string::npos) << text;  // the pools' prices differ
}

TEST(MixedHardwareReport, ServeJson_HasPoolsAndKvTransfer_OnlyWhenDisaggregated) {
  const nlohmann::json j = nlohmann::json::parse(serving_to_json(two_pools()));
  ASSERT_EQ(j["pools"].size(), 2u);
  EXPECT_EQ(j["pools"][1]["accelerator"], "b200");
  EXPECT_EQ(j["pools"][1]["gpus"], 8);
  EXPECT_DOUBLE_EQ(j["pools"][1]["usd_per_gpu_hour"].get<double>(), 3);
  EXPECT_DOUBLE_EQ(j["pools"][1]["cost_usd"].get<double>(), 2.25);
  EXPECT_DOUBLE_EQ(j["kv_transfer"]["bytes_per_token_per_gpu"].get<double>(), 40960);
  ServingResult aggregated;
  aggregated.completed = 1;
  const nlohmann::json a = nlohmann::json::parse(serving_to_json(aggregated));
  EXPECT_FALSE(a.contains("pools"));
  EXPECT_FALSE(a.contains("kv_transfer"));
}

TEST(MixedHardwareReport, SearchRow_ReadsPrefillSlashDecodeAcceleratorsAndPricesBoth) {
  DeploymentSearchResult r;
  DeploymentOption o;
  o.candidate = DeploymentCandidate{.accelerator = "h200", .tp = 4, .prefill_replicas = 1, .decode_replicas = 2,
                                    .decode_accelerator = "b200"};
  o.gpu_hour_cost = GpuHourCost{.explicit_usd = 2};
  o.decode_gpu_hour_cost = GpuHourCost{.explicit_usd = 3};
  r.top = {o};
  const std::string text = deployment_search_to_text(r, 0);
  EXPECT_NE(text.find("h200/b200"), std::string::npos) << text;
  EXPECT_NE(text.find("b200            $3.00/GPU-h"), std::string::npos) << text;
  const nlohmann::json j = nlohmann::json::parse(deployment_search_to_json(r, 0));
  EXPECT_EQ(j["top"][0]["decode_accelerator"], "b200");
  EXPECT_DOUBLE_EQ(j["top"][0]["decode_gpu_hour_cost"]["usd_per_gpu_hour"].get<double>(), 3);
}

TEST(MixedHardwareReport, Capacity_ShowsThePoolsSizedApart) {
  CapacityPlan plan;
  DisaggregatedCapacity d;
  d.prefill = {.role = "prefill", .accelerator = "b200", .tp = 1, .max_rate_per_replica = 5, .replicas = 2, .gpus = 2,
               .usd_per_hour = 4.7, .feasible = true};
  d.decode = {.role = "decode", .accelerator = "h200", .tp = 1, .max_rate_per_replica = 15, .replicas = 1, .gpus = 1,
              .usd_per_hour = 1.9, .feasible = true};
  d.options = {d.prefill, d.decode};
  d.gpus = 3;
  d.usd_per_hour = 6.6;
  plan.disaggregated = d;
  const std::string text = capacity_to_text(plan);
  EXPECT_NE(text.find("deployment: 3 GPUs (2 prefill on b200, 1 decode on h200), $6.60/h"), std::string::npos) << text;
  const nlohmann::json j = nlohmann::json::parse(capacity_to_json(plan));
  EXPECT_EQ(j["disaggregated"]["prefill"]["pool"], "prefill");
  EXPECT_EQ(j["disaggregated"]["decode"]["accelerator"], "h200");
  EXPECT_EQ(j["disaggregated"]["options"].size(), 2u);
}

}  // namespace
}  // namespace stargate
