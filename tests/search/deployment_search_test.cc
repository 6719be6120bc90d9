// Serving deployment search: the cheapest deployment meets the SLOs, SLOs order costs, memory pruning, threads.
#include <gtest/gtest.h>

#include "search/deployment_probe.h"
#include "stargate/catalog/catalog.h"
#include "stargate/search/deployment_search.h"
#include "stargate/serving/simulator.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

Cluster h100() {
  Cluster c;
  c.accelerator = *Catalog::builtin().find_accelerator("h100-sxm");
  c.node = *Catalog::builtin().find_node("dgx-h100");
  c.fabric = *Catalog::builtin().find_fabric("infiniband-ndr");
  c.gpus = 8;
  return c;
}

const ModelSpec& model(const char* id) { return *ModelCatalog::builtin().find(id); }

ServingConfig chat(double rate) {
  ServingConfig c;
  c.deployment.weights = Dtype::fp8;
  c.deployment.kv_bytes_per_element = 1;
  c.workload.arrival = ArrivalKind::poisson;
  c.workload.rate = rate;
  c.workload.requests = 1000;
  c.workload.input = {LengthDistribution::Kind::normal, 1024, 256, 16, 4096};
  c.workload.output = {LengthDistribution::Kind::normal, 256, 64, 1, 1024};
  c.workload.seed = 7;
  c.slo = {0.5, 0.05, 0, 0.9};
  return c;
}

DeploymentSearchOptions small(std::vector<std::string> accelerators) {
  DeploymentSearchOptions o;
  o.catalog = &Catalog::builtin();
  o.accelerators = std::move(accelerators);
  o.top = 3;
  o.probe_requests = 1000;
  o.batch_sequences = {128};
  o.batch_tokens = {8192};
  o.decode_per_prefill = {1};
  return o;
}

DeploymentSearchResult search(const ModelSpec& m, const ServingConfig& c, const DeploymentSearchOptions& o) {
  Result<DeploymentSearchResult> r = search_deployments(m, h100(), c, o);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : DeploymentSearchResult{};
}

TEST(DeploymentSearch, CheapestDeploymentMeetsTheSlosAtTheDemand) {
  const ServingConfig c = chat(40);
  const DeploymentSearchResult r = search(model("llama3.1-8b"), c, small({"h100-sxm", "a100-80gb"}));
  ASSERT_FALSE(r.top.empty());
  const DeploymentOption& best = r.top[0];
  EXPECT_GE(best.slo_attainment, c.slo.attainment);
  for (const DeploymentOption& o : r.top) EXPECT_LE(best.usd_per_hour, o.usd_per_hour);
  // Simulated independently: the whole deployment, another seed, at the demand rate.
  Cluster cl = h100();
  cl.accelerator = *Catalog::builtin().find_accelerator(best.candidate.accelerator);
  ServingConfig whole = deployment_probe::unit_config(c, best.candidate, best.units, c.workload.rate, 4000);
  whole.workload.seed = 11;
  Result<ServingResult> sim = simulate_serving(model("llama3.1-8b"), cl, whole, generate_requests(whole.workload));
  ASSERT_TRUE(sim.ok());
  EXPECT_GE(sim.value().slo_attainment, c.slo.attainment);
  EXPECT_EQ(best.gpus, best.units * best.candidate.gpus_per_unit());
}

TEST(DeploymentSearch, TighterSloNeverLowersTheCost) {
  ServingConfig loose = chat(40), tight = chat(40);
  tight.slo.ttft = 0.2;
  tight.slo.tpot = 0.02;
  const DeploymentSearchOptions o = small({"h100-sxm"});
  const DeploymentSearchResult a = search(model("llama3.1-8b"), loose, o);
  const DeploymentSearchResult b = search(model("llama3.1-8b"), tight, o);
  ASSERT_FALSE(a.top.empty());
  if (!b.top.empty()) {
    EXPECT_GE(b.top[0].usd_per_hour, a.top[0].usd_per_hour);
  }
}

TEST(DeploymentSearch, WeightsThatCannotFitAreRejectedWithTheReason) {
  ServingConfig c = chat(1);
  c.deployment.weights = Dtype::bf16;  // 70B in bf16: ~141 GB, more than one or two H100s hold
  DeploymentSearchOptions o = small({"h100-sxm"});
  o.decode_per_prefill = {};
  o.probe_requests = 300;
  o.top = 1;
  const DeploymentSearchResult r = search(model("llama3.1-70b"), c, o);
  bool tp1 = false;
  for (const DeploymentOption& d : r.outcomes) {
    if (d.candidate.tp == 1) {
      tp1 = true;
      EXPECT_EQ(d.reject, DeploymentReject::weights_exceed_hbm);
      EXPECT_STREQ(deployment_reject_name(d.reject), "weights exceed HBM");
    }
    if (d.candidate.tp >= 4) {
      EXPECT_NE(d.reject, DeploymentReject::weights_exceed_hbm);
    }
  }
  EXPECT_TRUE(tp1);
  EXPECT_GE(r.rejections[static_cast<int>(DeploymentReject::weights_exceed_hbm)], 1u);
  ASSERT_FALSE(r.top.empty());
  EXPECT_GE(r.top[0].candidate.tp, 2);
}

TEST(DeploymentSearch, ResultsAreIdenticalWithOneAndTwoThreads) {
  DeploymentSearchOptions o = small({"h100-sxm", "a100-80gb"});
  o.batch_sequences = {64, 256};
  o.batch = 5;  // several rounds, so the pruning bound changes between them
  o.probe_requests = 500;
  o.threads = 1;
  const DeploymentSearchResult a = search(model("llama3.1-8b"), chat(30), o);
  o.threads = 2;
  const DeploymentSearchResult b = search(model("llama3.1-8b"), chat(30), o);
  ASSERT_EQ(a.top.size(), b.top.size());
  for (size_t i = 0; i < a.top.size(); ++i) {
    EXPECT_EQ(a.top[i].candidate.accelerator, b.top[i].candidate.accelerator);
    EXPECT_EQ(a.top[i].candidate.split(), b.top[i].candidate.split());
    EXPECT_EQ(a.top[i].gpus, b.top[i].gpus);
    EXPECT_EQ(a.top[i].usd_per_hour, b.top[i].usd_per_hour);
    EXPECT_EQ(a.top[i].p99_ttft, b.top[i].p99_ttft);
  }
  ASSERT_EQ(a.outcomes.size(), b.outcomes.size());
  for (size_t i = 0; i < a.outcomes.size(); ++i) EXPECT_EQ(a.outcomes[i].reject, b.outcomes[i].reject);
  EXPECT_EQ(a.simulations, b.simulations);
}

}  // namespace
}  // namespace stargate
