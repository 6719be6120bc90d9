// Prefix caching in the simulator, on cases derivable by hand (one H100, Llama 3.1 8B, blocks of 16 tokens):
//   a prompt whose every full block is cached computes only its last token: its TTFT is one single-token step;
//   the second turn of a conversation finds the first turn's prompt and output (its full blocks) cached.
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

StepTimeModel step_model() {
  return StepTimeModel(llama8b(), h100(), StepTimeOptions{.tp = 1, .weights = Dtype::bf16, .kv_bytes_per_element = 2,
                                                           .cuda_graphs = true, .engine = EngineKind::fused});
}

ServingResult simulate(const std::vector<ServingRequest>& requests, bool prefix_caching) {
  ServingConfig c;
  c.scheduler.prefix_caching = prefix_caching;
  SimulationOptions o;
  o.keep_requests = true;
  Result<ServingResult> r = simulate_serving(llama8b(), h100(), c, requests, o);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : ServingResult{};
}

TEST(PrefixCaching, FullyCachedPromptTtftIsOneSingleTokenStep) {
  // 1024 shared tokens = 64 full blocks; the second request (arriving to an idle replica) computes 1 token.
  const std::vector<ServingRequest> reqs = {
      {.arrival = 0, .input_tokens = 1025, .output_tokens = 1, .prefix_id = 9, .prefix_tokens = 1024},
      {.arrival = 10, .input_tokens = 1025, .output_tokens = 1, .prefix_id = 9, .prefix_tokens = 1024}};
  const ServingResult r = simulate(reqs, true);
  ASSERT_EQ(r.outcomes.size(), 2u);
  const BatchShape one_token{.decode_seqs = 1, .decode_context = 1025, .logit_rows = 1};
  EXPECT_NEAR(r.outcomes[1].first_token - r.outcomes[1].arrival, step_model().seconds(one_token), 1e-12);
  EXPECT_EQ(r.prefix_hit_tokens, 1024);
  EXPECT_EQ(r.prefix_queried_tokens, 2050);
  EXPECT_NEAR(r.prefix_hit_rate, 1024.0 / 2050, 1e-12);
  // Without prefix caching the second prompt is prefilled whole, like the first.
  const ServingResult off = simulate(reqs, false);
  EXPECT_NEAR(off.outcomes[1].first_token - off.outcomes[1].arrival,
              off.outcomes[0].first_token - off.outcomes[0].arrival, 1e-12);
  EXPECT_GT(off.outcomes[1].first_token - off.outcomes[1].arrival,
            3 * (r.outcomes[1].first_token - r.outcomes[1].arrival));  // 1025-token prefill vs weight-bound step
  EXPECT_EQ(off.prefix_queried_tokens, 0);
}

TEST(PrefixCaching, NextTurnFindsThePreviousTurnsPromptAndOutputCached) {
  // Turn 1: 100 prompt + 60 output tokens; KV exists for 159 of them (the last output token is never fed back):
  // 9 full blocks = 144 tokens. Turn 2's 200-token prompt computes the other 56 against 144 cached ones.
  const std::vector<ServingRequest> reqs = {
      {.arrival = 0, .input_tokens = 100, .output_tokens = 60, .session_id = 3},
      {.arrival = 10, .input_tokens = 200, .output_tokens = 1, .session_id = 3}};
  const ServingResult r = simulate(reqs, true);
  ASSERT_EQ(r.outcomes.size(), 2u);
  const BatchShape rest{.prefill_tokens = 56, .prefill_pairs = 56.0 * 144 + 56.0 * 56 / 2, .logit_rows = 1};
  EXPECT_NEAR(r.outcomes[1].first_token - r.outcomes[1].arrival, step_model().seconds(rest), 1e-12);
  EXPECT_EQ(r.prefix_hit_tokens, 144);
  EXPECT_EQ(r.prefix_queried_tokens, 300);
}

TEST(PrefixCaching, PrefixAwareRouterSendsTheNextTurnWhereItsConversationIsCached) {
  // Two idle replicas: least_outstanding alternates on ties, so turn 2 lands on the other replica and misses;
  // prefix_aware sends it to the replica holding turn 1's blocks.
  const std::vector<ServingRequest> reqs = {
      {.arrival = 0, .input_tokens = 100, .output_tokens = 60, .session_id = 3},
      {.arrival = 10, .input_tokens = 200, .output_tokens = 1, .session_id = 3}};
  ServingConfig c;
  c.scheduler.prefix_caching = true;
  c.deployment.pool = {2, 1};
  Cluster two = h100();
  two.gpus = 2;
  SimulationOptions o;
  o.keep_requests = true;
  Result<ServingResult> spread = simulate_serving(llama8b(), two, c, reqs, o);
  c.deployment.router = RouterPolicy::prefix_aware;
  Result<ServingResult> affine = simulate_serving(llama8b(), two, c, reqs, o);
  ASSERT_TRUE(spread.ok() && affine.ok());
  EXPECT_NE(spread.value().outcomes[0].replica, spread.value().outcomes[1].replica);
  EXPECT_EQ(spread.value().prefix_hit_tokens, 0);
  EXPECT_EQ(affine.value().outcomes[0].replica, affine.value().outcomes[1].replica);
  EXPECT_EQ(affine.value().prefix_hit_tokens, 144);
}

TEST(PrefixCaching, PromptsThatOnlyShareAPartialBlockShareNothing) {
  const std::vector<ServingRequest> reqs = {
      {.arrival = 0, .input_tokens = 100, .output_tokens = 1, .prefix_id = 4, .prefix_tokens = 15},
      {.arrival = 10, .input_tokens = 100, .output_tokens = 1, .prefix_id = 4, .prefix_tokens = 15}};
  EXPECT_EQ(simulate(reqs, true).prefix_hit_tokens, 0);
}

TEST(PrefixCaching, SharedPromptsUnderLoadCutTtftAndEveryRequestIsServedOnce) {
  ServingConfig c;
  c.workload.arrival = ArrivalKind::poisson;
  c.workload.rate = 20;
  c.workload.requests = 3000;
  c.workload.input = {LengthDistribution::Kind::uniform, 300, 0, 100, 500};
  c.workload.output = {LengthDistribution::Kind::uniform, 100, 0, 20, 180};
  c.workload.prefix = PrefixGroups{.tokens = 1024, .groups = 8, .zipf_exponent = 1};
  c.workload.conversation = Conversations{.turns = 3, .think_time = 10};
  c.deployment.pool = {2, 1};
  SimulationOptions o;
  o.keep_requests = true;
  Cluster two = h100();
  two.gpus = 2;
  Result<ServingResult> off = simulate_serving(llama8b(), two, c, o);
  c.scheduler.prefix_caching = true;
  Result<ServingResult> on = simulate_serving(llama8b(), two, c, o);
  ASSERT_TRUE(off.ok() && on.ok());
  EXPECT_EQ(on.value().completed, 3000);
  for (const RequestOutcome& out : on.value().outcomes) EXPECT_EQ(out.completions, 1);
  EXPECT_GT(on.value().prefix_hit_rate, 0.6);  // 8 prompts of 1024 tokens fit; turns 2, 3 repeat turn 1
  EXPECT_LT(on.value().ttft.mean, 0.5 * off.value().ttft.mean);
  EXPECT_LE(on.value().max_kv_blocks_used, on.value().kv_blocks_per_replica);
}

}  // namespace
}  // namespace stargate
