// The plan line and plan JSON name the MoE choices of plans that split experts, and only of those.
#include "report/plan_format.h"

#include <gtest/gtest.h>

namespace stargate {
namespace {

TEST(PlanFormat, ExpertChoicesAppearOnlyWhenExpertsAreSplit) {
  ParallelPlan dense;
  dense.dp = 8;
  EXPECT_EQ(report_detail::plan_summary(dense).find("dispatch"), std::string::npos);
  EXPECT_FALSE(report_detail::plan_to_json(dense).contains("moe_dispatcher"));

  ParallelPlan moe = dense;
  moe.ep = 8;
  moe.expert_tp = 2;
  moe.moe_dispatcher = MoeDispatcher::deepep;
  moe.ep_comm_overlap = true;
  const std::string line = report_detail::plan_summary(moe);
  EXPECT_NE(line.find("deepep dispatch · expert TP 2 · EP overlap"), std::string::npos) << line;
  const nlohmann::json j = report_detail::plan_to_json(moe);
  EXPECT_EQ(j.at("moe_dispatcher"), "deepep");
  EXPECT_EQ(j.at("expert_tp"), 2);
  EXPECT_EQ(j.at("expert_imbalance"), 0);
  EXPECT_FALSE(j.contains("expert_capacity_factor"));  // dropless: nothing added
}

TEST(PlanFormat, TokenDroppingIsNamedWithItsCapacityFactor) {
  ParallelPlan moe;
  moe.dp = 8;
  moe.ep = 8;
  moe.expert_capacity_factor = 1.25;
  const std::string line = report_detail::plan_summary(moe);
  EXPECT_NE(line.find("alltoall dispatch · token drop (capacity 1.25)"), std::string::npos) << line;
  EXPECT_EQ(report_detail::plan_to_json(moe).at("expert_capacity_factor"), 1.25);
}

}  // namespace
}  // namespace stargate
