// The decode cohort (serving/decode_cohort.h) is a faster way to run the same scheduler: every iteration, batch,
// block count and finish must equal the request-by-request reference, on a case followed by hand and on whole
// simulations that preempt (recompute and swap), reserve (guaranteed_no_evict), chunk or not, disaggregate and split
// over routers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "serving_fixture.h"
#include "serving/replica.h"
#include "stargate/report/serving_report.h"
#include "stargate/serving/simulator.h"

namespace stargate {
namespace {

using namespace serving_detail;

struct IterationRecord {
  int prefill_tokens, decode_seqs, logit_rows;
  double decode_context;
  int64_t blocks_free;  // after the iteration's tokens are out and the finished requests left
  std::vector<int32_t> tokens;  // requests that produced their first or their last token, in order
  bool operator==(const IterationRecord&) const = default;
};

// Three requests on one replica of 100 blocks of 4 tokens (max 1000 tokens per iteration):
//   A: 6 prompt + 5 output tokens, B: 3 + 9, C: 4 + 1.
std::vector<IterationRecord> run_three_requests(bool decode_cohort, int* members_at_iteration_2) {
  SchedulerConfig cfg;
  cfg.max_batch_tokens = 1000;
  cfg.block_tokens = 4;
  std::vector<Req> reqs(3);
  reqs[0].input = 6, reqs[0].output = 5;
  reqs[1].input = 3, reqs[1].output = 9;
  reqs[2].input = 4, reqs[2].output = 1;
  int64_t preemptions = 0;
  SchedulerContext ctx{.config = &cfg, .kv_bytes_per_token = 1, .requests = &reqs, .preemptions = &preemptions,
                       .decode_cohort = decode_cohort};
  Replica rep;
  rep.blocks_total = rep.blocks_free = 100;
  for (int32_t id = 0; id < 3; ++id) rep.waiting.push_back(id);
  std::vector<IterationRecord> records;
  int finished = 0;
  while (finished < 3 && records.size() < 100) {
    const BatchShape shape = form_iteration(rep, ctx);
    if (records.size() == 2) *members_at_iteration_2 = rep.cohort.scheduled;
    IterationRecord rec{shape.prefill_tokens, shape.decode_seqs, shape.logit_rows, shape.decode_context, 0, {}};
    finish_iteration(rep, ctx, [&](int32_t id) {
      // A cohort member is reported only when it finishes (finish_iteration's contract): what a run acts on.
      if (reqs[id].generated == 1 || reqs[id].generated >= reqs[id].output) rec.tokens.push_back(id);
      if (reqs[id].generated >= reqs[id].output) {
        release_blocks(rep, reqs[id], cfg.block_tokens);
        ++finished;
      }
    });
    rec.blocks_free = rep.blocks_free;
    records.push_back(rec);
  }
  return records;
}

TEST(DecodeCohort, FollowsTheRequestByRequestSchedulerIterationByIteration) {
  int members = -1, reference_members = -1;
  const std::vector<IterationRecord> cohort = run_three_requests(true, &members);
  const std::vector<IterationRecord> reference = run_three_requests(false, &reference_members);
  ASSERT_EQ(cohort.size(), reference.size());
  for (size_t i = 0; i < cohort.size(); ++i) EXPECT_TRUE(cohort[i] == reference[i]) << "iteration " << i;
  // By hand. Iteration 0 prefills all three (13 tokens): A takes 2 blocks, B 1, C 1, and C (one output token)
  // leaves with its first token: 97 free. A and B then decode as the cohort (2 members from iteration 1 on).
  //   B's 5th token of KV (iteration 2) and 9th (iteration 6) open its 2nd and 3rd blocks; A's 9th (iteration 3)
  //   its 3rd. A's 5th output token comes out of iteration 4 (3 blocks back), B's 9th out of iteration 8.
  EXPECT_EQ(members, 2);
  EXPECT_EQ(reference_members, 0);
  ASSERT_EQ(cohort.size(), 9u);
  const std::vector<int64_t> free_blocks{97, 97, 96, 95, 98, 98, 97, 97, 100};
  for (size_t i = 0; i < 9; ++i) EXPECT_EQ(cohort[i].blocks_free, free_blocks[i]) << "iteration " << i;
  EXPECT_EQ(cohort[0].prefill_tokens, 13);
  EXPECT_EQ(cohort[1].decode_seqs, 2);
  EXPECT_DOUBLE_EQ(cohort[1].decode_context, (6 + 1) + (3 + 1));
  EXPECT_EQ(cohort[0].tokens, (std::vector<int32_t>{0, 1, 2}));
  EXPECT_EQ(cohort[4].tokens, (std::vector<int32_t>{0}));
  EXPECT_EQ(cohort[8].tokens, (std::vector<int32_t>{1}));
  EXPECT_EQ(cohort[5].decode_seqs, 1);
}

// Whole simulations: the JSON of the result (every figure, the time series and the latency sketches) is the same
// string with and without the cohort. Under prefix caching the cohort takes its blocks from the cache's free queue
// in one call (evicting the same cached blocks as one call per member would).
struct Variant {
  std::string name;
  void (*edit)(ServingConfig&);
};

ServingConfig base_config() {
  ServingConfig c;
  c.deployment.pool.replicas = 2;
  c.deployment.router = RouterPolicy::least_outstanding;
  c.workload.arrival = ArrivalKind::poisson;
  c.workload.rate = 30;
  c.workload.requests = 400;
  c.workload.seed = 7;
  c.workload.input = {LengthDistribution::Kind::normal, 600, 300, 16, 3000};
  c.workload.output = {LengthDistribution::Kind::normal, 150, 80, 1, 600};
  return c;
}

// A KV cache of a few thousand tokens per replica: requests outgrow it and are preempted.
void tight_cache(ServingConfig& c) {
  c.scheduler.gpu_memory_fraction = 0.24;
  c.workload.rate = 60;
}

void PrintTo(const Variant& v, std::ostream* os) { *os << v.name; }

class DecodeCohortSimulation : public testing::TestWithParam<Variant> {};

TEST_P(DecodeCohortSimulation, GivesTheRequestByRequestResultBitForBit) {
  ServingConfig c = base_config();
  GetParam().edit(c);
  const int gpus = c.deployment.disaggregated()
                       ? c.deployment.prefill_pool->replicas + c.deployment.decode_pool->replicas
                       : c.deployment.pool.replicas;
  SimulationOptions cohort, reference;
  reference.decode_cohort = false;
  Result<ServingResult> fast = simulate_serving(testing_serving::llama8b(), testing_serving::h100(gpus), c, cohort);
  Result<ServingResult> slow = simulate_serving(testing_serving::llama8b(), testing_serving::h100(gpus), c, reference);
  ASSERT_TRUE(fast.ok()) << fast.error().to_string();
  ASSERT_TRUE(slow.ok()) << slow.error().to_string();
  EXPECT_EQ(fast.value().completed, c.workload.requests);
  EXPECT_EQ(serving_to_json(fast.value()), serving_to_json(slow.value()));
  if (GetParam().name.find("preempt") != std::string::npos) {
    EXPECT_GT(fast.value().preemptions, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Deployments, DecodeCohortSimulation,
    testing::Values(
        Variant{"chunked_prefill", [](ServingConfig&) {}},
        Variant{"whole_prompts", [](ServingConfig& c) { c.scheduler.chunked_prefill = false; }},
        Variant{"recompute_preempts", tight_cache},
        Variant{"swap_preempts",
                [](ServingConfig& c) {
                  tight_cache(c);
                  c.scheduler.preemption = PreemptionMode::swap;
                }},
        Variant{"whole_prompts_preempt",
                [](ServingConfig& c) {
                  tight_cache(c);
                  c.scheduler.chunked_prefill = false;
                }},
        Variant{"guaranteed_no_evict",
                [](ServingConfig& c) {
                  tight_cache(c);
                  c.scheduler.capacity_policy = CapacityPolicy::guaranteed_no_evict;
                }},
        Variant{"small_token_budget", [](ServingConfig& c) { c.scheduler.max_batch_tokens = 96; }},
        Variant{"large_blocks", [](ServingConfig& c) { c.scheduler.block_tokens = 64; }},
        Variant{"disaggregated",
                [](ServingConfig& c) {
                  c.deployment.prefill_pool = PoolConfig{.replicas = 1, .tp = 1};
                  c.deployment.decode_pool = PoolConfig{.replicas = 2, .tp = 1};
                }},
        Variant{"prefix_caching",
                [](ServingConfig& c) {
                  c.scheduler.prefix_caching = true;
                  c.workload.shared_prefix = 256;
                }},
        Variant{"prefix_caching_preempts",
                [](ServingConfig& c) {
                  tight_cache(c);
                  c.scheduler.prefix_caching = true;
                  c.workload.shared_prefix = 256;
                }},
        Variant{"prefix_groups_and_conversations",
                [](ServingConfig& c) {
                  c.scheduler.prefix_caching = true;
                  c.deployment.router = RouterPolicy::prefix_aware;
                  c.workload.prefix = PrefixGroups{.tokens = 256, .groups = 4, .zipf_exponent = 1, .share = 0.9};
                  c.workload.conversation = Conversations{.turns = 3, .think_time = 2};
                }},
        Variant{"two_routers",
                [](ServingConfig& c) {
                  c.deployment.pool.replicas = 4;
                  c.deployment.routers = 2;
                }}),
    [](const testing::TestParamInfo<Variant>& p) { return p.param.name; });

}  // namespace
}  // namespace stargate
