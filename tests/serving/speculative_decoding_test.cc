// Speculative decoding on cases derived by hand: one Llama 3.1 8B request (128-token prompt, 65 output tokens) on
// one H100, so the run is one prefill iteration (the first token) plus decode iterations for the other 64 tokens.
//   acceptance 1, k = 2: every verification keeps both drafts and adds the target's token: 3 tokens per
//     iteration, so ceil(64 / 3) = 22 decode iterations.
//   acceptance 0, k = 2: one token per iteration as without speculation (64 decode iterations), each one dearer
//     by the verification of 2 draft tokens and 2 drafter decode steps: strictly slower than no speculation by at
//     least 64 × 2 drafter steps.
#include <gtest/gtest.h>

#include <cmath>

#include "serving/speculative.h"
#include "stargate/catalog/catalog.h"
#include "stargate/serving/simulator.h"
#include "stargate/serving/step_time.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

Cluster h100() {
  const Catalog& c = Catalog::builtin();
  return Cluster{*c.find_accelerator("h100-sxm"), *c.find_node("dgx-h100"), c.default_scale_out_fabric(), 1};
}

const ModelSpec& llama8b() { return *ModelCatalog::builtin().find("llama3.1-8b"); }

ServingConfig one_request(std::optional<SpeculativeDecoding> spec) {
  ServingConfig c;
  c.workload.arrival = ArrivalKind::offline;
  c.workload.requests = 1;
  c.workload.input.mean = 128;
  c.workload.output.mean = 65;
  c.deployment.speculative = spec;
  return c;
}

ServingResult run(const ServingConfig& c) {
  Result<ServingResult> r = simulate_serving(llama8b(), h100(), c, generate_requests(c.workload), {});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : ServingResult{};
}

SpeculativeDecoding mtp(int k, std::vector<double> acceptance) {
  return SpeculativeDecoding{.method = SpeculativeDecoding::Method::mtp, .tokens = k, .acceptance = std::move(acceptance)};
}

TEST(SpeculativeDecoding, ExpectedAcceptedIsTheSumOfPrefixProducts) {
  EXPECT_DOUBLE_EQ(serving_detail::expected_accepted(mtp(2, {0.8, 0.5})), 0.8 + 0.8 * 0.5);
  EXPECT_DOUBLE_EQ(serving_detail::expected_accepted(mtp(3, {0.8, 0.5})), 0.8 + 0.4 + 0.2);  // last value repeats
  EXPECT_DOUBLE_EQ(serving_detail::expected_accepted(mtp(4, {0})), 0);
  EXPECT_DOUBLE_EQ(serving_detail::expected_accepted(mtp(4, {1})), 4);
}

TEST(SpeculativeDecoding, DrawsAverageToTheExpectation) {
  const SpeculativeDecoding spec = mtp(2, {0.8, 0.5});
  uint64_t state = serving_detail::speculation_seed(7, 0);
  double sum = 0;
  const int draws = 200000;
  for (int i = 0; i < draws; ++i) sum += serving_detail::draw_accepted(spec, state);
  EXPECT_NEAR(sum / draws, 1.2, 0.01);
}

TEST(SpeculativeDecoding, FullAcceptanceEmitsKPlusOneTokensPerIteration) {
  const ServingResult base = run(one_request(std::nullopt));
  const ServingResult spec = run(one_request(mtp(2, {1.0})));
  EXPECT_EQ(base.iterations, 1 + 64);
  EXPECT_EQ(spec.iterations, 1 + 22);
  EXPECT_EQ(spec.completed, 1);
  EXPECT_LT(spec.e2e.mean, base.e2e.mean);
}

TEST(SpeculativeDecoding, ZeroAcceptanceIsSlowerByAtLeastTheDraftCost) {
  const ServingResult base = run(one_request(std::nullopt));
  const SpeculativeDecoding spec = mtp(2, {0.0});
  const ServingResult slow = run(one_request(spec));
  EXPECT_EQ(slow.iterations, base.iterations);
  StepTimeModel drafter(serving_detail::drafter_model(llama8b(), spec), h100(), StepTimeOptions{});
  const double one_draft_step = drafter.seconds(BatchShape{.decode_seqs = 1, .decode_context = 129, .logit_rows = 1});
  EXPECT_GT(one_draft_step, 0);
  EXPECT_GE(slow.e2e.mean - base.e2e.mean, 64 * 2 * one_draft_step * (1 - 1e-9));
}

TEST(SpeculativeDecoding, TheDrafterIsOneBlockOfTheTargetWithItsHead) {
  const ModelSpec block = serving_detail::drafter_model(llama8b(), mtp(1, {0.85}));
  EXPECT_EQ(block.layers, 1);
  EXPECT_EQ(block.hidden, llama8b().hidden);
  EXPECT_EQ(block.vocab, llama8b().vocab);
}

}  // namespace
}  // namespace stargate
