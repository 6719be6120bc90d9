// The simulator streams its statistics: requests are drawn lazily and held only while in flight, latency
// percentiles come from quantile sketches within kLatencyRelativeAccuracy of the exact ones.
#include <gtest/gtest.h>

#include "serving_fixture.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "stargate/catalog/catalog.h"
#include "stargate/core/value_limits.h"
#include "stargate/serving/simulator.h"
#include "stargate/serving/step_time.h"
#include "stargate/workload/model_catalog.h"

namespace stargate {
namespace {

using testing_serving::h100;
using testing_serving::llama8b;

ServingConfig poisson(double rate, int64_t requests) {
  ServingConfig c;
  c.workload.arrival = ArrivalKind::poisson;
  c.workload.rate = rate;
  c.workload.requests = requests;
  c.workload.input = {LengthDistribution::Kind::normal, 512, 200, 16, 2048};
  c.workload.output = {LengthDistribution::Kind::normal, 128, 60, 1, 512};
  return c;
}

ServingResult simulate(const ServingConfig& c, bool keep = false) {
  SimulationOptions o;
  o.keep_requests = keep;
  Result<ServingResult> r = simulate_serving(llama8b(), h100(), c, o);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? r.value() : ServingResult{};
}

double exact_quantile(std::vector<double> v, double q) {
  const size_t k = static_cast<size_t>(q * double(v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

TEST(StreamingStatistics, PeakLiveRequestsDoNotGrowWithRequestCount) {
  const ServingResult small = simulate(poisson(8, 2000));
  const ServingResult large = simulate(poisson(8, 20000));
  ASSERT_EQ(large.completed, 20000);
  EXPECT_GT(small.max_live_requests, 0);
  EXPECT_LE(large.max_live_requests, small.max_live_requests + 32);  // the queue's random peaks, not the count
  EXPECT_LT(large.max_live_requests, 200);
}

TEST(StreamingStatistics, LazyArrivalsGiveTheSameRunAsAMaterializedList) {
  ServingConfig c = poisson(30, 3000);
  c.workload.arrival = ArrivalKind::gamma;
  c.workload.burstiness = 3;
  SimulationOptions o;
  o.keep_requests = true;
  const ServingResult lazy = simulate(c, true);
  Result<ServingResult> listed = simulate_serving(llama8b(), h100(), c, generate_requests(c.workload), o);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(lazy.events, listed.value().events);
  EXPECT_EQ(lazy.preemptions, listed.value().preemptions);
  EXPECT_EQ(lazy.e2e.mean, listed.value().e2e.mean);
  EXPECT_EQ(lazy.ttft.p99, listed.value().ttft.p99);
  ASSERT_EQ(lazy.outcomes.size(), listed.value().outcomes.size());
  for (size_t i = 0; i < lazy.outcomes.size(); ++i) EXPECT_EQ(lazy.outcomes[i].finish, listed.value().outcomes[i].finish);
  EXPECT_EQ(simulate(c).e2e.p90, lazy.e2e.p90);  // same seed, same result
}

TEST(StreamingStatistics, PercentilesWithinSketchBoundOfExact) {
  const ServingResult r = simulate(poisson(25, 4000), true);
  std::vector<double> ttft, tpot, e2e;
  for (const RequestOutcome& o : r.outcomes) {
    if (o.completions != 1) continue;
    ttft.push_back(o.first_token - o.arrival);
    e2e.push_back(o.finish - o.arrival);
    if (o.output_tokens > 1) tpot.push_back((o.finish - o.first_token) / (o.output_tokens - 1));
  }
  ASSERT_EQ(static_cast<int64_t>(e2e.size()), r.completed);
  struct Row { const char* name; const std::vector<double>* exact; const LatencyStats* sketched; };
  for (const Row& row : {Row{"ttft", &ttft, &r.ttft}, Row{"tpot", &tpot, &r.tpot}, Row{"e2e", &e2e, &r.e2e}}) {
    const std::vector<std::pair<double, double>> cases = {
        {0.5, row.sketched->p50}, {0.9, row.sketched->p90}, {0.99, row.sketched->p99}};
    for (const auto& [q, got] : cases) {
      const double exact = exact_quantile(*row.exact, q);
      EXPECT_LE(std::abs(got - exact), kLatencyRelativeAccuracy * exact * (1 + 1e-12)) << row.name << " q " << q;
    }
  }
}

TEST(StreamingStatistics, OneRequestAtATime_TtftIsItsPrefillAndE2eIsTtftPlusDecodes) {
  ServingConfig c = poisson(1e-3, 4);  // arrivals ~1000 s apart: every request runs alone
  const int input = 512, output = 64;
  c.workload.input = {LengthDistribution::Kind::fixed, input, 0, 1, 1e9};
  c.workload.output = {LengthDistribution::Kind::fixed, output, 0, 1, 1e9};
  const ServingResult r = simulate(c);
  ASSERT_EQ(r.completed, 4);
  EXPECT_EQ(r.max_live_requests, 1);
  StepTimeModel steps(llama8b(), h100(), StepTimeOptions{});
  const double prefill_s = steps.seconds(BatchShape{.prefill_tokens = input,
                                                    .prefill_pairs = double(input) * input / 2,
                                                    .logit_rows = 1});
  double decode_s = 0;  // decode g reads the KV of input + g tokens
  for (int g = 1; g < output; ++g) {
    decode_s += steps.seconds(BatchShape{.decode_seqs = 1, .decode_context = double(input + g), .logit_rows = 1});
  }
  EXPECT_NEAR(r.ttft.mean, prefill_s, 1e-9 * prefill_s);
  EXPECT_NEAR(r.ttft.p99, prefill_s, kLatencyRelativeAccuracy * prefill_s);
  EXPECT_NEAR(r.tpot.mean, decode_s / (output - 1), 1e-9 * decode_s);
  EXPECT_NEAR(r.e2e.mean, r.ttft.mean + (output - 1) * r.tpot.mean, 1e-9 * r.e2e.mean);
}

TEST(StreamingStatistics, RequestCountOverTheCapIsAClearErrorNotAnAllocation) {
  ServingConfig c = poisson(1e9, 10);
  EXPECT_TRUE(simulate_serving(llama8b(), h100(), c).ok());  // a burst that fits is fine
  c.workload.requests = limits::serving_requests.max + 1;
  Result<ServingResult> r = simulate_serving(llama8b(), h100(), c);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("requests"), std::string::npos);
}

}  // namespace
}  // namespace stargate
