// A pipelined serving replica (PoolConfig::pp): pp engines in flight, 1/(tp·pp) of the weights per GPU.
#include <gtest/gtest.h>

#include "stargate/catalog/catalog.h"
#include "stargate/serving/simulator.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

ServingResult simulate(int pp, double rate) {
  Cluster c{.accelerator = *Catalog::builtin().find_accelerator("h100-sxm"),
            .node = *Catalog::builtin().find_node("dgx-h100"),
            .fabric = Catalog::builtin().default_scale_out_fabric(),
            .gpus = 8};
  ServingConfig cfg;
  cfg.workload.arrival = ArrivalKind::poisson;
  cfg.workload.rate = rate;
  cfg.workload.requests = 2000;
  cfg.workload.input = {LengthDistribution::Kind::normal, 512, 100, 16, 1024};
  cfg.workload.output = {LengthDistribution::Kind::normal, 128, 30, 1, 256};
  cfg.deployment.pool = PoolConfig{.replicas = 1, .tp = 1, .pp = pp};
  const ModelSpec& model = *ModelCatalog::builtin().find("llama3.1-8b");
  Result<ServingResult> r = simulate_serving(model, c, cfg, generate_requests(cfg.workload));
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : ServingResult{};
}

TEST(PipelinedServingPool, CountsTpTimesPpGpusAndSplitsTheWeights) {
  const ServingResult one = simulate(1, 10), two = simulate(2, 10);
  EXPECT_EQ(one.gpus, 1);
  EXPECT_EQ(two.gpus, 2);
  EXPECT_DOUBLE_EQ(two.weight_bytes_per_gpu * 2, one.weight_bytes_per_gpu);
}

TEST(PipelinedServingPool, TwoStagesServeAboutTwiceTheLoadOfOne) {
  // Past one engine's capacity, a 2-stage replica (two micro-batches in flight) still keeps up.
  const ServingResult one = simulate(1, 80), two = simulate(2, 80);
  EXPECT_GT(two.requests_per_s, one.requests_per_s * 1.3);
}

}  // namespace
}  // namespace stargate
