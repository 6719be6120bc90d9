// A router group's state (serving/group_state.h) survives encode/decode bit for bit, and router groups simulated
// apart (as MPI ranks do: each its share, states gathered and decoded) merge into exactly the in-process result.
#include <gtest/gtest.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <ostream>
#include <thread>

#include "serving/group_state.h"
#include "serving/request_source.h"
#include "serving/router_group_runs.h"
#include "serving_fixture.h"
#include "stargate/report/serving_report.h"
#include "stargate/serving/simulator.h"

namespace stargate {
namespace {

using namespace serving_detail;
using testing_serving::h100;
using testing_serving::llama8b;

SimulationOptions recorded() {
  return {.keep_requests = true, .record_trace = true, .latency_quantiles = 41};
}

ServingConfig aggregated(int routers) {
  ServingConfig c;
  c.deployment.pool.replicas = 8;
  c.deployment.routers = routers;
  c.deployment.router = RouterPolicy::least_outstanding;
  c.scheduler.prefix_caching = true;
  c.workload.arrival = ArrivalKind::poisson;
  c.workload.rate = 60;
  c.workload.requests = 500;
  c.workload.shared_prefix = 256;
  c.workload.input = {LengthDistribution::Kind::normal, 600, 200, 16, 2048};
  c.workload.output = {LengthDistribution::Kind::normal, 80, 30, 1, 300};
  c.workload.seed = 5;
  c.sample_interval = 0.25;
  return c;
}

ServingConfig disaggregated(int routers) {
  ServingConfig c = aggregated(routers);
  c.scheduler.prefix_caching = false;
  c.deployment.prefill_pool = PoolConfig{.replicas = 4, .tp = 1};
  c.deployment.decode_pool = PoolConfig{.replicas = 4, .tp = 1};
  return c;
}

GroupSourceOf lazy_source() {
  return [](const ServingConfig& c, int) { return RequestSource(c.workload); };
}

// Every figure, the time series, trace and per-request outcomes, through the report's JSON and trace renderers
// (each double at full precision) plus the outcomes compared field by field.
void expect_same_result(const ServingResult& a, const ServingResult& b) {
  EXPECT_EQ(serving_to_json(a), serving_to_json(b));
  EXPECT_EQ(serving_trace(a), serving_trace(b));
  ASSERT_EQ(a.outcomes.size(), b.outcomes.size());
  for (size_t k = 0; k < a.outcomes.size(); ++k) {
    EXPECT_EQ(a.outcomes[k].finish, b.outcomes[k].finish) << k;
    EXPECT_EQ(a.outcomes[k].replica, b.outcomes[k].replica) << k;
  }
  EXPECT_EQ(a.ttft.quantiles, b.ttft.quantiles);
  EXPECT_EQ(a.tpot.quantiles, b.tpot.quantiles);
  EXPECT_EQ(a.e2e.quantiles, b.e2e.quantiles);
  EXPECT_EQ(a.ttft.p99, b.ttft.p99);
}

template <class T>
bool same_bytes(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

void expect_same_sketch(const QuantileSketch& a, const QuantileSketch& b) {
  const QuantileSketch::State sa = a.state(), sb = b.state();
  EXPECT_EQ(sa.counts, sb.counts);
  EXPECT_EQ(sa.first_bucket, sb.first_bucket);
  EXPECT_EQ(sa.zeros, sb.zeros);
  EXPECT_EQ(sa.count, sb.count);
  EXPECT_EQ(sa.sum, sb.sum);
  EXPECT_EQ(sa.min, sb.min);
  EXPECT_EQ(sa.max, sb.max);
  for (double q : {0.0, 0.1, 0.5, 0.9, 0.99, 1.0}) EXPECT_EQ(a.quantile(q), b.quantile(q)) << q;
}

void expect_same_state(const ServingGroupState& a, const ServingGroupState& b) {
  EXPECT_EQ(a.group, b.group);
  EXPECT_EQ(a.error.has_value(), b.error.has_value());
  expect_same_sketch(a.measured.ttft, b.measured.ttft);
  expect_same_sketch(a.measured.tpot, b.measured.tpot);
  expect_same_sketch(a.measured.e2e, b.measured.e2e);
  EXPECT_TRUE(same_bytes(a.measured.outcomes, b.measured.outcomes));
  EXPECT_TRUE(same_bytes(a.measured.samples, b.measured.samples));
  EXPECT_TRUE(same_bytes(a.measured.trace, b.measured.trace));
  EXPECT_EQ(a.measured.first_arrival_s, b.measured.first_arrival_s);
  EXPECT_EQ(a.measured.in_system_request_s, b.measured.in_system_request_s);
  EXPECT_EQ(a.measured.flops, b.measured.flops);
  EXPECT_EQ(a.measured.iterations, b.measured.iterations);
  EXPECT_EQ(a.measured.max_blocks, b.measured.max_blocks);
  ASSERT_EQ(a.replicas.size(), b.replicas.size());
  for (size_t k = 0; k < a.replicas.size(); ++k) {
    EXPECT_EQ(a.replicas[k].busy_s, b.replicas[k].busy_s);
    EXPECT_EQ(a.replicas[k].prefix_hit_tokens, b.replicas[k].prefix_hit_tokens);
    EXPECT_EQ(a.replicas[k].prefix_evicted_blocks, b.replicas[k].prefix_evicted_blocks);
  }
  EXPECT_EQ(a.pool_gpus, b.pool_gpus);
  EXPECT_EQ(a.pool_replicas, b.pool_replicas);
  EXPECT_EQ(a.arrivals, b.arrivals);
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.preemptions, b.preemptions);
  EXPECT_EQ(a.max_live_requests, b.max_live_requests);
  EXPECT_EQ(a.end_s, b.end_s);
}

struct Deployment {
  const char* name;
  ServingConfig config;
};
void PrintTo(const Deployment& d, std::ostream* os) { *os << d.name; }

class GroupStates : public testing::TestWithParam<Deployment> {};

TEST_P(GroupStates, EveryStateDecodesToItselfAndTheirMergeIsTheInProcessResult) {
  const ServingConfig& c = GetParam().config;
  const Result<ServingResult> in_process = simulate_serving(llama8b(), h100(8), c, recorded());
  ASSERT_TRUE(in_process.ok()) << in_process.error().to_string();
  const std::vector<ServingGroupState> states =
      run_router_groups(llama8b(), h100(8), c, recorded(), lazy_source(), c.workload.requests, {0, 1, 2, 3});
  Result<std::vector<ServingGroupState>> decoded = decode_group_states(encode_group_states(states));
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  ASSERT_EQ(decoded.value().size(), states.size());
  for (size_t g = 0; g < states.size(); ++g) {
    EXPECT_GT(states[g].arrivals, 0);
    expect_same_state(states[g], decoded.value()[g]);
  }
  Result<ServingResult> merged = merge_router_groups(llama8b(), h100(8), c, recorded(), decoded.value());
  ASSERT_TRUE(merged.ok()) << merged.error().to_string();
  expect_same_result(merged.value(), in_process.value());
}

// Two "ranks" simulate groups {0, 2} and {1, 3} apart; the merge of what they send is the in-process result.
TEST_P(GroupStates, GroupsSimulatedApartMergeIntoTheInProcessResult) {
  const ServingConfig& c = GetParam().config;
  const Result<ServingResult> in_process = simulate_serving(llama8b(), h100(8), c, recorded());
  ASSERT_TRUE(in_process.ok());
  std::vector<ServingGroupState> all(4);
  for (const std::vector<int>& share : {std::vector<int>{0, 2}, std::vector<int>{1, 3}}) {
    const std::vector<uint8_t> sent = encode_group_states(
        run_router_groups(llama8b(), h100(8), c, recorded(), lazy_source(), c.workload.requests, share));
    Result<std::vector<ServingGroupState>> got = decode_group_states(sent);
    ASSERT_TRUE(got.ok());
    for (ServingGroupState& s : got.value()) all[s.group] = std::move(s);
  }
  Result<ServingResult> merged = merge_router_groups(llama8b(), h100(8), c, recorded(), std::move(all));
  ASSERT_TRUE(merged.ok()) << merged.error().to_string();
  expect_same_result(merged.value(), in_process.value());
}

INSTANTIATE_TEST_SUITE_P(Deployments, GroupStates,
                         testing::Values(Deployment{"aggregated_prefix_caching", aggregated(4)},
                                         Deployment{"disaggregated", disaggregated(4)}),
                         [](const testing::TestParamInfo<Deployment>& info) { return std::string(info.param.name); });

// An exchange between threads standing in for MPI ranks: gather() blocks until every rank has posted.
class ThreadExchange : public RouterGroupExchange {
 public:
  struct Mailbox {
    std::mutex mutex;
    std::condition_variable posted;
    std::vector<std::vector<uint8_t>> buffers;
    int count = 0;
  };
  ThreadExchange(Mailbox& box, int rank, int size) : box_(box), rank_(rank), size_(size) {}
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  std::vector<std::vector<uint8_t>> gather(const std::vector<uint8_t>& mine) const override {
    std::unique_lock lock(box_.mutex);
    box_.buffers[rank_] = mine;
    ++box_.count;
    box_.posted.notify_all();
    if (rank_ != 0) return {};
    box_.posted.wait(lock, [&] { return box_.count == size_; });
    return box_.buffers;
  }

 private:
  Mailbox& box_;
  int rank_, size_;
};

TEST(GroupStates, ThreeRanksThroughTheExchangeGiveTheInProcessResultOnRankZero) {
  const ServingConfig c = aggregated(4);
  const Result<ServingResult> in_process = simulate_serving(llama8b(), h100(8), c, recorded());
  ASSERT_TRUE(in_process.ok());
  ThreadExchange::Mailbox box;
  box.buffers.resize(3);
  std::vector<Result<ServingResult>> results(3, Error{});
  std::vector<std::thread> ranks;
  for (int r = 0; r < 3; ++r) {
    ranks.emplace_back([&, r] {
      const ThreadExchange exchange(box, r, 3);
      SimulationOptions options = recorded();
      options.group_exchange = &exchange;
      results[r] = simulate_serving(llama8b(), h100(8), c, options);
    });
  }
  for (std::thread& t : ranks) t.join();
  ASSERT_TRUE(results[0].ok()) << results[0].error().to_string();
  expect_same_result(results[0].value(), in_process.value());
  for (int r = 1; r < 3; ++r) {
    ASSERT_TRUE(results[r].ok());
    EXPECT_EQ(results[r].value().completed, 0) << "rank " << r << " hands its groups to rank 0";
  }
}

TEST(GroupStates, AFailedGroupsErrorTravelsAndIsTheMergedResult) {
  const ServingConfig c = aggregated(2);
  std::vector<ServingGroupState> states =
      run_router_groups(llama8b(), h100(8), c, recorded(), lazy_source(), c.workload.requests, {0, 1});
  states[1] = ServingGroupState{
      .group = 1, .error = Error{ErrorKind::invalid_input, "limit passed", "serving.workload", {"a.yaml", 3, 4}}};
  Result<std::vector<ServingGroupState>> decoded = decode_group_states(encode_group_states(states));
  ASSERT_TRUE(decoded.ok());
  Result<ServingResult> merged = merge_router_groups(llama8b(), h100(8), c, recorded(), decoded.value());
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.error().to_string(), states[1].error->to_string());
  EXPECT_EQ(merged.error().kind, ErrorKind::invalid_input);
}

TEST(GroupStates, CutOrCorruptBytesAreAnInternalErrorNotACrash) {
  const ServingConfig c = aggregated(2);
  const std::vector<uint8_t> bytes = encode_group_states(
      run_router_groups(llama8b(), h100(8), c, recorded(), lazy_source(), c.workload.requests, {0, 1}));
  for (size_t cut : {size_t{0}, size_t{3}, size_t{12}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 1}) {
    const Result<std::vector<ServingGroupState>> decoded =
        decode_group_states(std::vector<uint8_t>(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(cut)));
    ASSERT_FALSE(decoded.ok()) << cut;
    EXPECT_EQ(decoded.error().kind, ErrorKind::internal);
  }
  std::vector<uint8_t> longer = bytes;
  longer.push_back(0);
  EXPECT_FALSE(decode_group_states(longer).ok());
  std::vector<uint8_t> other_format = bytes;
  other_format[0] ^= 0xff;
  EXPECT_FALSE(decode_group_states(other_format).ok());
}

TEST(GroupStates, MissingMisplacedOrUnfitGroupsAreAnInternalError) {
  const ServingConfig c = aggregated(2);
  std::vector<ServingGroupState> states =
      run_router_groups(llama8b(), h100(8), c, recorded(), lazy_source(), c.workload.requests, {1, 0});
  const Result<ServingResult> misplaced = merge_router_groups(llama8b(), h100(8), c, recorded(), states);
  ASSERT_FALSE(misplaced.ok());
  EXPECT_EQ(misplaced.error().kind, ErrorKind::internal);
  std::swap(states[0], states[1]);
  ASSERT_TRUE(merge_router_groups(llama8b(), h100(8), c, recorded(), states).ok());
  std::vector<ServingGroupState> extra_pool = states, foreign_replica = states;
  extra_pool[1].pool_gpus.push_back(1);
  foreign_replica[1].replicas[0].pool = 7;
  for (const auto& unfit : {extra_pool, foreign_replica}) {
    const Result<ServingResult> r = merge_router_groups(llama8b(), h100(8), c, recorded(), unfit);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
  }
  states.pop_back();
  EXPECT_FALSE(merge_router_groups(llama8b(), h100(8), c, recorded(), states).ok());
}

}  // namespace
}  // namespace stargate
