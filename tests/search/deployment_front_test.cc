// The deployment front: a point is on it when no point of the same kind (aggregated or disaggregated) is at least
// as good on tokens/s per GPU and per user and better on one.
#include <gtest/gtest.h>

#include "stargate/search/deployment_front.h"

namespace stargate {
namespace {

DeploymentFrontPoint point(bool disaggregated, double per_gpu, double per_user) {
  DeploymentFrontPoint p;
  p.option.candidate.prefill_replicas = disaggregated ? 1 : 0;
  p.option.candidate.decode_replicas = disaggregated ? 1 : 0;
  p.output_tokens_per_s_per_gpu = per_gpu;
  p.output_tokens_per_s_per_user = per_user;
  return p;
}

TEST(DeploymentFront, DominatedPointsAreOffTheFrontOfTheirKind) {
  struct Case {
    DeploymentFrontPoint p;
    bool on_front;
  };
  std::vector<Case> cases = {
      {point(false, 1000, 50), true},   // best per user among aggregated
      {point(false, 2000, 20), true},   // best per GPU among aggregated
      {point(false, 900, 40), false},   // dominated by the first
      {point(false, 2000, 20), true},   // a tie dominates nothing
      {point(true, 800, 30), true},     // dominated only by aggregated points: its own kind's front
      {point(true, 700, 30), false},    // dominated by the disaggregated point above
  };
  std::vector<DeploymentFrontPoint> points;
  for (const Case& c : cases) points.push_back(c.p);
  mark_pareto_front(points);
  for (size_t i = 0; i < cases.size(); ++i) EXPECT_EQ(points[i].on_front, cases[i].on_front) << i;
}

}  // namespace
}  // namespace stargate
