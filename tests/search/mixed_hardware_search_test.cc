// Mixed hardware in the serving searches: the deployment search tries the decode pool on other accelerators
// (--decode-accelerators) and prices each pool on its own card; capacity sizes a disaggregated scenario's pools
// apart, each on its own device (capacity.h, DisaggregatedCapacity).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "stargate/catalog/catalog.h"
#include "stargate/cost/gpu_hour_cost_model.h"
#include "stargate/search/capacity.h"
#include "stargate/search/deployment_search.h"
#include "stargate/search/serving_space.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

Cluster on(const char* accelerator, const char* node) {
  Cluster c;
  c.accelerator = *Catalog::builtin().find_accelerator(accelerator);
  c.node = *Catalog::builtin().find_node(node);
  c.fabric = *Catalog::builtin().find_fabric("infiniband-ndr");
  c.gpus = 8;
  return c;
}

const ModelSpec& llama8b() { return *ModelCatalog::builtin().find("llama3.1-8b"); }

ServingConfig chat(double rate) {
  ServingConfig c;
  c.deployment.weights = Dtype::fp8;
  c.deployment.kv_bytes_per_element = 1;
  c.workload.arrival = ArrivalKind::poisson;
  c.workload.rate = rate;
  c.workload.requests = 400;
  c.workload.input = {LengthDistribution::Kind::normal, 1024, 256, 16, 4096};
  c.workload.output = {LengthDistribution::Kind::normal, 128, 32, 1, 512};
  c.workload.seed = 7;
  c.slo = {0.5, 0.05, 0, 0.9};
  return c;
}

DeploymentSearchOptions small(std::vector<std::string> decode_accelerators) {
  DeploymentSearchOptions o;
  o.catalog = &Catalog::builtin();
  o.accelerators = {"h100-sxm"};
  o.decode_accelerators = std::move(decode_accelerators);
  o.top = 50;
  o.probe_requests = 300;
  o.confirm_requests = 600;
  o.verify_requests = 600;
  o.measure_top_rate = false;
  o.batch_sequences = {128};
  o.batch_tokens = {8192};
  o.decode_per_prefill = {1, 2};
  return o;
}

double usd_per_gpu_hour(const char* accelerator, const char* node) {
  return gpu_hour_cost(on(accelerator, node), default_cost_assumptions()).total_usd();
}

TEST(MixedHardwareSearch, DecodeAccelerators_AddADecodePoolOnEachOtherCard_ForDisaggregatedCandidatesOnly) {
  const Cluster h100 = on("h100-sxm", "dgx-h100");
  const ServingConfig c = chat(10);
  const auto same = enumerate_deployments(llama8b(), h100, c, small({}));
  const auto mixed = enumerate_deployments(llama8b(), h100, c, small({"h100-sxm", "h200"}));
  const auto disaggregated = std::count_if(same.begin(), same.end(), [](const auto& k) { return k.disaggregated(); });
  EXPECT_TRUE(std::none_of(same.begin(), same.end(), [](const auto& k) { return !k.decode_accelerator.empty(); }));
  ASSERT_EQ(mixed.size(), same.size() + disaggregated);  // h100-sxm is the prefill's own card: not repeated
  for (const DeploymentCandidate& k : mixed) {
    if (k.decode_accelerator.empty()) continue;
    EXPECT_TRUE(k.disaggregated());
    EXPECT_EQ(k.decode_accelerator, "h200");
    EXPECT_EQ(k.accelerators(), "h100-sxm/h200");
  }
}

TEST(MixedHardwareSearch, MixedCandidateCost_IsUnitsTimesEachPoolsGpusAtItsOwnPrice) {
  Result<DeploymentSearchResult> r =
      search_deployments(llama8b(), on("h100-sxm", "dgx-h100"), chat(10), small({"h200"}));
  ASSERT_TRUE(r.ok()) << r.error().to_string();
  const double h100 = usd_per_gpu_hour("h100-sxm", "dgx-h100"), h200 = usd_per_gpu_hour("h200", "hgx-h200");
  ASSERT_NE(h100, h200);
  int mixed = 0;
  for (const DeploymentOption& o : r.value().outcomes) {
    if (o.candidate.decode_accelerator.empty() || o.reject != DeploymentReject::none) continue;
    ++mixed;
    const DeploymentCandidate& k = o.candidate;
    EXPECT_NEAR(o.usd_per_hour, o.units * (k.prefill_replicas * k.tp * h100 + k.decode_replicas * k.tp * h200), 1e-9);
    EXPECT_DOUBLE_EQ(o.decode_gpu_hour_cost.total_usd(), h200);
  }
  EXPECT_GT(mixed, 0);
}

TEST(MixedHardwareCapacity, DisaggregatedScenario_SizesEachPoolOnItsOwnDevice) {
  ServingConfig c = chat(6);
  c.deployment.prefill_pool = PoolConfig{.replicas = 1, .tp = 1};
  c.deployment.decode_pool = PoolConfig{.replicas = 1, .tp = 1};
  const CapacityOptions options{.accelerators = {"h100-sxm", "h200"}, .catalog = &Catalog::builtin(),
                                .probe_requests = 200};
  Result<CapacityPlan> plan = plan_capacity(llama8b(), on("h100-sxm", "dgx-h100"), c, options);
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  ASSERT_TRUE(plan.value().disaggregated.has_value());
  const DisaggregatedCapacity& d = *plan.value().disaggregated;
  ASSERT_TRUE(d.prefill.feasible && d.decode.feasible);
  EXPECT_EQ(d.prefill.role, "prefill");
  EXPECT_EQ(d.decode.role, "decode");
  for (const CapacityOption& o : d.options) {
    if (!o.feasible) continue;
    const double price = o.accelerator == "h200" ? usd_per_gpu_hour("h200", "hgx-h200")
                                                 : usd_per_gpu_hour("h100-sxm", "dgx-h100");
    EXPECT_EQ(o.replicas, static_cast<int>(std::ceil(6 / o.max_rate_per_replica - 1e-9))) << o.accelerator << o.tp;
    EXPECT_NEAR(o.usd_per_hour, o.replicas * o.tp * price, 1e-9) << o.accelerator << o.tp;
  }
  EXPECT_EQ(d.gpus, d.prefill.gpus + d.decode.gpus);
  EXPECT_NEAR(d.usd_per_hour, d.prefill.usd_per_hour + d.decode.usd_per_hour, 1e-9);
  // The cheapest of each pool: no feasible option of the same pool costs less.
  for (const CapacityOption& o : d.options) {
    if (o.feasible) {
      EXPECT_GE(o.usd_per_hour, (o.role == "prefill" ? d.prefill : d.decode).usd_per_hour);
    }
  }
}

}  // namespace
}  // namespace stargate
