// Rules the serving simulator must obey, each checked on small simulated deployments.
#include <gtest/gtest.h>

#include "serving_fixture.h"

#include "stargate/catalog/catalog.h"
#include "stargate/serving/simulator.h"
#include "stargate/serving/step_time.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

using testing_serving::h100;
using testing_serving::llama8b;

ServingConfig poisson(double rate, int64_t requests) {
  ServingConfig c;
  c.workload.arrival = ArrivalKind::poisson;
  c.workload.rate = rate;
  c.workload.requests = requests;
  c.workload.input = {LengthDistribution::Kind::normal, 512, 200, 16, 2048};
  c.workload.output = {LengthDistribution::Kind::normal, 128, 60, 1, 512};
  c.slo = {0.5, 0.05, 0, 0.9};
  return c;
}

ServingResult run(const ServingConfig& c, int gpus = 1, bool keep = false) {
  SimulationOptions o;
  o.keep_requests = keep;
  Result<ServingResult> r = simulate_serving(llama8b(), h100(gpus), c, generate_requests(c.workload), o);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : ServingResult{};
}

TEST(ServingSimulator, LittlesLaw_MeanInSystemEqualsThroughputTimesLatency) {
  ServingResult r = run(poisson(8, 4000));
  ASSERT_EQ(r.completed, 4000);
  EXPECT_NEAR(r.mean_in_system, r.requests_per_s * r.e2e.mean, 1e-6 * r.mean_in_system);
}

TEST(ServingSimulator, NoRequestLostOrServedTwice_UnderPreemptionAndDisaggregation) {
  struct Row { const char* name; PreemptionMode mode; bool disaggregated; bool prefix; };
  for (Row row : {Row{"recompute", PreemptionMode::recompute, false, false},
                  Row{"swap", PreemptionMode::swap, false, true},
                  Row{"disaggregated", PreemptionMode::recompute, true, false}}) {
    ServingConfig c = poisson(40, 1500);
    c.scheduler.preemption = row.mode;
    c.scheduler.gpu_memory_fraction = 0.23;  // a small KV cache forces preemption
    c.scheduler.prefix_caching = row.prefix;
    c.workload.shared_prefix = row.prefix ? 64 : 0;
    c.deployment.pool = {2, 1};
    if (row.disaggregated) c.deployment.prefill_pool = PoolConfig{1, 1}, c.deployment.decode_pool = PoolConfig{1, 1};
    ServingResult r = run(c, 2, true);
    EXPECT_EQ(r.completed + r.rejected, 1500) << row.name;
    for (const RequestOutcome& o : r.outcomes) {
      ASSERT_EQ(o.completions, 1) << row.name;
      EXPECT_GE(o.first_token, o.arrival) << row.name;
      EXPECT_GE(o.finish, o.first_token) << row.name;
    }
    if (!row.disaggregated) {
      EXPECT_GT(r.preemptions, 0) << row.name;
    }
  }
}

TEST(ServingSimulator, KvBlocksInUseNeverExceedCapacity) {
  ServingConfig c = poisson(60, 2000);
  c.scheduler.gpu_memory_fraction = 0.23;
  ServingResult r = run(c);
  EXPECT_GT(r.max_kv_blocks_used, 0);
  EXPECT_LE(r.max_kv_blocks_used, r.kv_blocks_per_replica);
  for (const ServingSample& s : r.samples) EXPECT_LE(s.kv_used_fraction, 1.0);
}

TEST(ServingSimulator, OneRequestLatencyIsPrefillPlusDecodeStepsByHand) {
  ServingConfig c;
  c.workload.arrival = ArrivalKind::offline;
  c.workload.requests = 1;
  c.workload.input.mean = 100;
  c.workload.output.mean = 5;
  ServingResult r = run(c);
  StepTimeModel steps(llama8b(), h100(1), StepTimeOptions{.tp = 1, .weights = Dtype::bf16, .kv_bytes_per_element = 2, .cuda_graphs = true, .engine = EngineKind::fused});
  BatchShape prefill;
  prefill.prefill_tokens = 100, prefill.prefill_pairs = 100.0 * 100 / 2, prefill.logit_rows = 1;
  double ttft = steps.seconds(prefill), e2e = ttft;
  for (int k = 1; k <= 4; ++k) {
    BatchShape decode;
    decode.decode_seqs = 1, decode.decode_context = 100 + k, decode.logit_rows = 1;
    e2e += steps.seconds(decode);
  }
  EXPECT_NEAR(r.ttft.p50, ttft, 1e-12);
  EXPECT_NEAR(r.e2e.p50, e2e, 1e-12);
  EXPECT_NEAR(r.tpot.p50, (e2e - ttft) / 4, 1e-12);
}

TEST(ServingSimulator, HigherLoadNeverLowersP99Latency) {
  double last_e2e = 0, last_ttft = 0;
  for (double rate : {2.0, 4.0, 8.0, 16.0, 24.0, 32.0}) {
    ServingResult r = run(poisson(rate, 3000));
    EXPECT_GE(r.e2e.p99, last_e2e) << rate;
    EXPECT_GE(r.ttft.p99, last_ttft) << rate;
    last_e2e = r.e2e.p99, last_ttft = r.ttft.p99;
  }
}

TEST(ServingSimulator, ModelThatDoesNotFitIsAnErrorNamingTheField) {
  ServingConfig c = poisson(1, 10);
  Result<ServingResult> r = simulate_serving(*ModelCatalog::builtin().find("llama3.1-70b"), h100(1), c,
                                             generate_requests(c.workload));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "serving.tp");
}

TEST(StepTime, CudaGraphsNeverSlowerThanEagerAndDecodeGrowsWithContext) {
  StepTimeModel eager(llama8b(), h100(1), StepTimeOptions{.tp = 1, .weights = Dtype::bf16, .kv_bytes_per_element = 2, .cuda_graphs = false, .engine = EngineKind::fused});
  StepTimeModel graph(llama8b(), h100(1), StepTimeOptions{.tp = 1, .weights = Dtype::bf16, .kv_bytes_per_element = 2, .cuda_graphs = true, .engine = EngineKind::fused});
  for (int ctx : {128, 1024, 8192}) {
    BatchShape b;
    b.decode_seqs = 32, b.decode_context = 32.0 * ctx, b.logit_rows = 32;
    EXPECT_LE(graph.seconds(b), eager.seconds(b));
  }
  BatchShape small, large;
  small.decode_seqs = large.decode_seqs = 64, small.logit_rows = large.logit_rows = 64;
  small.decode_context = 64 * 512.0, large.decode_context = 64 * 8192.0;
  EXPECT_LT(graph.seconds(small), graph.seconds(large));
}

}  // namespace
}  // namespace stargate
