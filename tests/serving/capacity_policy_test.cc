// The scheduler's capacity policies on a replica small enough to follow by hand: 10 KV blocks of 10 tokens, two
// requests of 30 prompt + 30 output tokens (6 blocks each at their largest).
//   max_utilization: both are admitted at once (3 + 3 blocks for the prompts); as they decode, the two 60-token
//     footprints (12 blocks) no longer fit in 10, so the later one is preempted.
//   guaranteed_no_evict: the first request reserves its 6 blocks; 4 remain, so the second waits until the first
//     finishes, and nothing is ever preempted.
// Each runs twice: with the decode cohort (decode_cohort.h) and request by request; the counts are the same.
#include <gtest/gtest.h>

#include "serving/replica.h"

namespace stargate::serving_detail {
namespace {

struct SchedulerRun {
  int64_t preemptions = 0;
  int max_running = 0;
  int iterations = 0;
  bool both_finished = false;
};

SchedulerRun run_two_requests(CapacityPolicy policy, bool decode_cohort) {
  SchedulerConfig cfg;
  cfg.max_batch_sequences = 10;
  cfg.max_batch_tokens = 1000;
  cfg.block_tokens = 10;
  cfg.capacity_policy = policy;
  std::vector<Req> reqs(2);
  for (Req& r : reqs) r.input = 30, r.output = 30;
  SchedulerRun run;
  SchedulerContext ctx{.config = &cfg, .kv_bytes_per_token = 1, .requests = &reqs,
                       .preemptions = &run.preemptions, .decode_cohort = decode_cohort};
  Replica rep;
  rep.blocks_total = rep.blocks_free = 10;
  rep.waiting.push_back(0);
  rep.waiting.push_back(1);
  int finished = 0;
  while (finished < 2 && run.iterations < 1000) {
    form_iteration(rep, ctx);
    EXPECT_GT(rep.batch_sequences(), 0u);
    run.max_running = std::max(run.max_running, static_cast<int>(rep.running.size()));
    EXPECT_GE(rep.blocks_free - rep.blocks_reserved, 0);
    finish_iteration(rep, ctx, [&](int32_t id) {
      if (reqs[id].generated >= reqs[id].output) {
        release_blocks(rep, reqs[id], cfg.block_tokens);
        ++finished;
      }
    });
    ++run.iterations;
  }
  run.both_finished = finished == 2;
  EXPECT_EQ(rep.blocks_free, 10);
  EXPECT_EQ(rep.blocks_reserved, 0);
  return run;
}

class SchedulerCapacityPolicy : public testing::TestWithParam<bool> {};

TEST_P(SchedulerCapacityPolicy, MaxUtilizationAdmitsBothAndPreemptsWhenTheyOutgrowTheCache) {
  const SchedulerRun run = run_two_requests(CapacityPolicy::max_utilization, GetParam());
  EXPECT_TRUE(run.both_finished);
  EXPECT_EQ(run.max_running, 2);
  EXPECT_GE(run.preemptions, 1);
  const SchedulerRun reference = run_two_requests(CapacityPolicy::max_utilization, false);
  EXPECT_EQ(run.preemptions, reference.preemptions);
  EXPECT_EQ(run.iterations, reference.iterations);
}

TEST_P(SchedulerCapacityPolicy, GuaranteedNoEvictRunsOneAtATimeAndNeverPreempts) {
  const SchedulerRun run = run_two_requests(CapacityPolicy::guaranteed_no_evict, GetParam());
  EXPECT_TRUE(run.both_finished);
  EXPECT_EQ(run.max_running, 1);
  EXPECT_EQ(run.preemptions, 0);
  // Each request: one prefill iteration (30 tokens, first output token) + 29 decodes, one after the other.
  EXPECT_EQ(run.iterations, 2 * 30);
}

INSTANTIATE_TEST_SUITE_P(CohortAndRequestByRequest, SchedulerCapacityPolicy, testing::Bool(),
                         [](const testing::TestParamInfo<bool>& p) { return p.param ? "cohort" : "per_request"; });

}  // namespace
}  // namespace stargate::serving_detail
