// The overlap plan fields of a scenario: tp_comm_overlap modes (and the booleans of before), DP gradient/parameter
// overlap with bucket size, ZeRO-3 gathering; a bad value is an input error naming the field.
#include <gtest/gtest.h>

#include "stargate/scenario/scenario.h"

namespace stargate {
namespace {

Result<Scenario> with_plan(const std::string& extra) {
  return parse_scenario(
      "name: overlap fields\n"
      "cluster: {accelerator: a100-80gb, node: dgx-a100, fabric: infiniband-hdr, gpus: 512}\n"
      "model: gpt3-175b\n"
      "training:\n"
      "  seq_len: 2048\n"
      "  global_batch: 512\n"
      "  plan: {tp: 4, pp: 16, dp: 8, micro_batch: 1, zero: 3" + extra + "}\n",
      "overlap.yaml");
}

TEST(OverlapFields, TensorParallelModesAndBooleans) {
  const std::pair<const char*, TpCommOverlap> cases[] = {
      {"none", TpCommOverlap::none},          {"bulk", TpCommOverlap::bulk}, {"wgrad", TpCommOverlap::wgrad},
      {"decomposed", TpCommOverlap::decomposed}, {"true", TpCommOverlap::decomposed},
      {"false", TpCommOverlap::none}};
  for (const auto& [text, mode] : cases) {
    const Result<Scenario> s = with_plan(std::string(", tp_comm_overlap: ") + text);
    ASSERT_TRUE(s.ok()) << text << ": " << s.error().to_string();
    EXPECT_EQ(s.value().training->plan.tp_comm_overlap, mode) << text;
  }
  const Result<Scenario> bad = with_plan(", tp_comm_overlap: sometimes");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().to_string().find("tp_comm_overlap"), std::string::npos) << bad.error().to_string();
}

TEST(OverlapFields, DataParallelOverlapBucketsAndZero3Gathering) {
  const Result<Scenario> defaults = with_plan("");
  ASSERT_TRUE(defaults.ok());
  const ParallelPlan& d = defaults.value().training->plan;
  EXPECT_TRUE(d.dp_overlap && d.dp_param_gather_overlap);
  EXPECT_EQ(d.dp_bucket_params, 40e6);
  EXPECT_EQ(d.zero3_gather, Zero3Gather::per_micro_batch);

  // dp_overlap: false alone turns both off, as it did before the parameter gather had its own switch.
  const Result<Scenario> off = with_plan(", dp_overlap: false");
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off.value().training->plan.dp_param_gather_overlap);

  const Result<Scenario> s =
      with_plan(", dp_overlap: false, dp_param_gather_overlap: true, dp_bucket_params: 100000000, "
                "zero3_gather: per_step");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  const ParallelPlan& p = s.value().training->plan;
  EXPECT_FALSE(p.dp_overlap);
  EXPECT_TRUE(p.dp_param_gather_overlap);
  EXPECT_EQ(p.dp_bucket_params, 1e8);
  EXPECT_EQ(p.zero3_gather, Zero3Gather::per_step);
  EXPECT_FALSE(with_plan(", dp_bucket_params: 0").ok());
  EXPECT_FALSE(d.pp_scatter_gather);
  const Result<Scenario> split = with_plan(", pp_scatter_gather: true");
  ASSERT_TRUE(split.ok()) << split.error().to_string();
  EXPECT_TRUE(split.value().training->plan.pp_scatter_gather);
  EXPECT_FALSE(with_plan(", pp_scatter_gather: sometimes").ok());
  const Result<Scenario> per_module = with_plan(", zero3_gather: per_module");
  ASSERT_TRUE(per_module.ok()) << per_module.error().to_string();
  EXPECT_EQ(per_module.value().training->plan.zero3_gather, Zero3Gather::per_module);
  EXPECT_FALSE(with_plan(", zero3_gather: sometimes").ok());
}

}  // namespace
}  // namespace stargate
