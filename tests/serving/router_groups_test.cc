// Independent routers (ServingDeployment::routers): each group of replicas gets its share of the load, the groups
// run in parallel, and the merged result does not depend on the number of threads.
#include <gtest/gtest.h>

#include <tbb/global_control.h>

#include "serving_fixture.h"
#include "serving/router_groups.h"
#include "stargate/serving/simulator.h"

namespace stargate {
namespace {

using serving_detail::router_group_config;
using testing_serving::h100;
using testing_serving::llama8b;

ServingConfig deployment(int replicas, int routers, ArrivalKind arrival, int64_t requests) {
  ServingConfig c;
  c.deployment.pool.replicas = replicas;
  c.deployment.routers = routers;
  c.deployment.router = RouterPolicy::round_robin;
  c.workload.arrival = arrival;
  c.workload.rate = 40;
  c.workload.requests = requests;
  c.workload.input = {LengthDistribution::Kind::fixed, 300, 0, 1, 300};
  c.workload.output = {LengthDistribution::Kind::fixed, 50, 0, 1, 50};
  return c;
}

ServingResult run(const ServingConfig& c, int gpus) {
  Result<ServingResult> r = simulate_serving(llama8b(), h100(gpus), c);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : ServingResult{};
}

TEST(RouterGroups, EachGroupGetsItsShareOfReplicasRateAndRequests) {
  ServingConfig c = deployment(8, 4, ArrivalKind::poisson, 10);
  c.workload.seed = 3;
  int64_t requests = 0;
  for (int g = 0; g < 4; ++g) {
    const ServingConfig part = router_group_config(c, g);
    EXPECT_EQ(part.deployment.routers, 1);
    EXPECT_EQ(part.deployment.pool.replicas, 2);
    EXPECT_DOUBLE_EQ(part.workload.rate, 10.0);
    EXPECT_EQ(part.workload.requests, g < 2 ? 3 : 2);  // 10 = 3 + 3 + 2 + 2
    EXPECT_NE(part.workload.seed, c.workload.seed);
    if (g > 0) {
      EXPECT_NE(part.workload.seed, router_group_config(c, g - 1).workload.seed);
    }
    requests += part.workload.requests;
  }
  EXPECT_EQ(requests, 10);
}

// Offline, identical requests: two routers of one replica each get 4 requests apiece, exactly what one round-robin
// router gives each of two replicas; so every figure is the same.
TEST(RouterGroups, TwoRoutersOfOneReplicaEqualOneRoundRobinRouterOfTwoOffline) {
  const ServingResult one = run(deployment(2, 1, ArrivalKind::offline, 8), 2);
  const ServingResult two = run(deployment(2, 2, ArrivalKind::offline, 8), 2);
  EXPECT_EQ(two.completed, 8);
  EXPECT_EQ(two.completed, one.completed);
  EXPECT_EQ(two.iterations, one.iterations);
  EXPECT_DOUBLE_EQ(two.duration, one.duration);
  EXPECT_DOUBLE_EQ(two.ttft.mean, one.ttft.mean);
  EXPECT_DOUBLE_EQ(two.e2e.p99, one.e2e.p99);
  EXPECT_DOUBLE_EQ(two.output_tokens_per_s, one.output_tokens_per_s);
  EXPECT_DOUBLE_EQ(two.busy_fraction, one.busy_fraction);
  EXPECT_DOUBLE_EQ(two.cost_usd, one.cost_usd);
  EXPECT_EQ(two.gpus, 2);
}

TEST(RouterGroups, ResultDoesNotDependOnTheNumberOfThreads) {
  ServingConfig c = deployment(6, 3, ArrivalKind::poisson, 600);
  c.deployment.router = RouterPolicy::least_outstanding;
  c.workload.input = {LengthDistribution::Kind::normal, 400, 150, 16, 2048};
  c.workload.output = {LengthDistribution::Kind::normal, 100, 40, 1, 400};
  ServingResult serial;
  {
    tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    serial = run(c, 6);
  }
  const ServingResult parallel = run(c, 6);
  EXPECT_EQ(parallel.completed, 600);
  EXPECT_EQ(parallel.iterations, serial.iterations);
  EXPECT_EQ(parallel.events, serial.events);
  EXPECT_DOUBLE_EQ(parallel.duration, serial.duration);
  EXPECT_DOUBLE_EQ(parallel.ttft.p90, serial.ttft.p90);
  EXPECT_DOUBLE_EQ(parallel.tpot.mean, serial.tpot.mean);
  EXPECT_DOUBLE_EQ(parallel.mean_in_system, serial.mean_in_system);
  ASSERT_EQ(parallel.samples.size(), serial.samples.size());
  for (size_t k = 0; k < serial.samples.size(); ++k) EXPECT_EQ(parallel.samples[k].running, serial.samples[k].running);
}

// The merged time series sums the groups' sequences on one grid from time zero.
TEST(RouterGroups, MergedTimeSeriesAddsTheGroupsOnOneGrid) {
  const ServingResult two = run(deployment(2, 2, ArrivalKind::offline, 8), 2);
  const ServingResult one = run(deployment(2, 1, ArrivalKind::offline, 8), 2);
  ASSERT_FALSE(two.samples.empty());
  EXPECT_DOUBLE_EQ(two.samples[0].time, 0.0);
  for (size_t k = 0; k < std::min(one.samples.size(), two.samples.size()); ++k) {
    EXPECT_EQ(two.samples[k].running + two.samples[k].waiting, one.samples[k].running + one.samples[k].waiting) << k;
  }
}

TEST(RouterGroups, RoutersThatDoNotDivideTheReplicasAreAnErrorNamingTheField) {
  Result<ServingResult> r = simulate_serving(llama8b(), h100(3), deployment(3, 2, ArrivalKind::offline, 8));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "serving.routers");
}

}  // namespace
}  // namespace stargate
