// The deployment front: a point is on it when it meets the SLOs and no point of the same kind (aggregated or
// disaggregated) meeting them is at least as good on tokens/s per GPU and per user and better on one. The points
// are every deployment the search sized, cheapest first.
#include <gtest/gtest.h>

#include "stargate/search/deployment_front.h"

namespace stargate {
namespace {

DeploymentFrontPoint point(bool disaggregated, double per_gpu, double per_user, bool meets_slo = true) {
  DeploymentFrontPoint p;
  p.option.candidate.prefill_replicas = disaggregated ? 1 : 0;
  p.option.candidate.decode_replicas = disaggregated ? 1 : 0;
  p.output_tokens_per_s_per_gpu = per_gpu;
  p.output_tokens_per_s_per_user = per_user;
  p.meets_slo = meets_slo;
  return p;
}

TEST(DeploymentFront, DominatedPointsAreOffTheFrontOfTheirKind) {
  struct Case {
    DeploymentFrontPoint p;
    bool on_front;
  };
  std::vector<Case> cases = {
      {point(false, 1000, 50), true},          // best per user among aggregated
      {point(false, 2000, 20), true},          // best per GPU among aggregated
      {point(false, 900, 40), false},          // dominated by the first
      {point(false, 2000, 20), true},          // a tie dominates nothing
      {point(false, 3000, 60, false), false},  // would dominate all, but misses the SLOs: neither on nor dominating
      {point(true, 800, 30), true},            // dominated only by aggregated points: its own kind's front
      {point(true, 700, 30), false},           // dominated by the disaggregated point above
  };
  std::vector<DeploymentFrontPoint> points;
  for (const Case& c : cases) points.push_back(c.p);
  mark_pareto_front(points);
  for (size_t i = 0; i < cases.size(); ++i) EXPECT_EQ(points[i].on_front, cases[i].on_front) << i;
}

DeploymentOption sized(int gpus, double usd_per_hour, double mean_tpot, double attainment, int prefill = 0) {
  DeploymentOption o;
  o.candidate.prefill_replicas = o.candidate.decode_replicas = prefill;
  o.units = gpus;
  o.gpus = gpus;
  o.usd_per_hour = usd_per_hour;
  o.mean_tpot = mean_tpot;
  o.slo_attainment = attainment;
  return o;
}

TEST(DeploymentFront, PointsAreTheSizedDeploymentsCheapestFirstWithTheirSloVerdict) {
  DeploymentSearchResult search;
  search.demand_output_tokens_per_s = 1200;
  search.slo_attainment_target = 0.99;
  DeploymentOption never_sized;  // units 0: pruned or missing the SLOs at any size
  search.outcomes = {sized(4, 8, 0.010, 0.995), never_sized, sized(2, 4, 0.020, 0.99),
                     sized(3, 6, 0.012, 0.98), sized(2, 4, 0.025, 1.0, 1)};
  const std::vector<DeploymentFrontPoint> points = deployment_front_points(search);
  ASSERT_EQ(points.size(), 4u);
  // $4/h twice (enumeration order kept), then $6/h, then $8/h.
  EXPECT_EQ(points[0].option.mean_tpot, 0.020);
  EXPECT_EQ(points[1].option.mean_tpot, 0.025);
  EXPECT_EQ(points[2].option.mean_tpot, 0.012);
  EXPECT_EQ(points[3].option.mean_tpot, 0.010);
  EXPECT_DOUBLE_EQ(points[0].output_tokens_per_s_per_gpu, 600);
  EXPECT_DOUBLE_EQ(points[0].output_tokens_per_s_per_user, 50);
  const bool meets[] = {true, true, false, true};
  const bool on_front[] = {true, true, false, true};  // the 3-GPU point misses the attainment target
  for (size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(points[i].meets_slo, meets[i]) << i;
    EXPECT_EQ(points[i].on_front, on_front[i]) << i;
  }
}

}  // namespace
}  // namespace stargate
