// Prefix identity of workloads: shared prompts (groups with a popularity), conversations whose next turn repeats
// the previous prompt and output, the trace's optional prefix columns, and the reader's fields and errors.
#include <gtest/gtest.h>

#include <map>

#include "scenario/serving_reader.h"
#include "stargate/core/input_error.h"
#include "stargate/scenario/scenario.h"
#include "stargate/serving/simulator.h"

namespace stargate {
namespace {

ServingWorkload base_workload(int64_t requests) {
  ServingWorkload w;
  w.rate = 10;
  w.requests = requests;
  w.input = {LengthDistribution::Kind::uniform, 150, 0, 100, 200};
  w.output = {LengthDistribution::Kind::uniform, 30, 0, 10, 50};
  return w;
}

TEST(PrefixWorkload, SharedPrefixIsOneGroupAddedToEveryPromptWithTheSameDraws) {
  ServingWorkload plain = base_workload(200), shared = plain;
  shared.shared_prefix = 64;
  const auto a = generate_requests(plain), b = generate_requests(shared);
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(b[i].input_tokens, a[i].input_tokens + 64);
    EXPECT_EQ(b[i].output_tokens, a[i].output_tokens);
    EXPECT_DOUBLE_EQ(b[i].arrival, a[i].arrival);
    EXPECT_EQ(b[i].prefix_id, 1u);
    EXPECT_EQ(b[i].prefix_tokens, 64);
    EXPECT_EQ(a[i].prefix_id, 0u);
  }
}

TEST(PrefixWorkload, GroupsFollowTheirZipfPopularityAndShare) {
  ServingWorkload w = base_workload(40000);
  w.prefix = PrefixGroups{.tokens = 32, .groups = 4, .zipf_exponent = 1, .share = 0.5};
  std::map<uint64_t, int> count;
  for (const ServingRequest& r : generate_requests(w)) {
    ++count[r.prefix_id];
    if (r.prefix_id != 0) {
      EXPECT_EQ(r.prefix_tokens, 32);
    }
  }
  const double harmonic = 1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0, shared = 20000;
  EXPECT_NEAR(count[0], 20000, 500);  // share 0.5: half the prompts start with no shared prompt
  for (uint64_t k = 1; k <= 4; ++k) EXPECT_NEAR(count[k], shared / k / harmonic, 400) << k;
}

TEST(PrefixWorkload, ConversationTurnsRepeatThePreviousPromptAndOutputAndArriveInOrder) {
  ServingWorkload w = base_workload(10);
  w.conversation = Conversations{.turns = 3, .think_time = 5};
  const auto reqs = generate_requests(w);
  ASSERT_EQ(reqs.size(), 10u);  // 4 conversations: 3 + 3 + 3 + 1 turns
  std::map<uint64_t, std::vector<ServingRequest>> sessions;
  for (size_t i = 0; i < reqs.size(); ++i) {
    if (i > 0) {
      EXPECT_GE(reqs[i].arrival, reqs[i - 1].arrival);
    }
    sessions[reqs[i].session_id].push_back(reqs[i]);
  }
  ASSERT_EQ(sessions.size(), 4u);
  for (const auto& [id, turns] : sessions) {
    EXPECT_NE(id, 0u);
    EXPECT_EQ(turns.size(), id == 4 ? 1u : 3u);
    for (size_t t = 1; t < turns.size(); ++t) {
      const int new_input = turns[t].input_tokens - turns[t - 1].input_tokens - turns[t - 1].output_tokens;
      EXPECT_GE(new_input, 100);
      EXPECT_LE(new_input, 200);
    }
  }
}

TEST(PrefixWorkload, TraceRowsMayCarryPrefixAndSessionColumns) {
  const auto rows = parse_trace_csv(
      "arrival_s,input_tokens,output_tokens,prefix_id,prefix_tokens,session_id\n"
      "0,100,10\n0.1,100,10,sys-a,64\n0.2,120,10,sys-a\n0.3,200,10,,,chat-1\n0.4,300,10,sys-b,32,chat-1\n",
      "t.csv");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].prefix_id, 0u);
  EXPECT_NE(rows[1].prefix_id, 0u);
  EXPECT_EQ(rows[1].prefix_tokens, 64);
  EXPECT_EQ(rows[2].prefix_id, rows[1].prefix_id);
  EXPECT_EQ(rows[2].prefix_tokens, 120);  // no length: the whole prompt
  EXPECT_EQ(rows[3].prefix_id, 0u);
  EXPECT_NE(rows[3].session_id, 0u);
  EXPECT_EQ(rows[4].session_id, rows[3].session_id);
  EXPECT_NE(rows[4].prefix_id, rows[1].prefix_id);
}

const char* kScenario = R"(cluster: {accelerator: h100-sxm, gpus: 8}
model: llama3.1-8b
serving:
  scheduler: {prefix_caching: true}
  workload:
    arrival: poisson
    rate: 5
    requests: 100
    input: 512
    output: 128
)";

TEST(PrefixWorkload, ReaderReadsPrefixAndConversation) {
  Result<Scenario> s = parse_scenario(std::string(kScenario) +
                                          "    prefix: {tokens: 256, groups: 8, zipf_exponent: 0.8, share: 0.9}\n"
                                          "    conversation: {turns: 4, think_time: 20s}\n",
                                      "ok.yaml");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  const ServingWorkload& w = s.value().serving->workload;
  ASSERT_TRUE(w.prefix && w.conversation);
  EXPECT_EQ(w.prefix->tokens, 256);
  EXPECT_EQ(w.prefix->groups, 8);
  EXPECT_DOUBLE_EQ(w.prefix->zipf_exponent, 0.8);
  EXPECT_DOUBLE_EQ(w.prefix->share, 0.9);
  EXPECT_EQ(w.conversation->turns, 4);
  EXPECT_DOUBLE_EQ(w.conversation->think_time, 20);
}

TEST(PrefixWorkload, ReaderReadsThePrefixAwareRouter) {
  std::string text = kScenario;
  text.replace(text.find("  scheduler:"), 0, "  router: prefix_aware\n");
  Result<Scenario> s = parse_scenario(text, "ok.yaml");
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  EXPECT_EQ(s.value().serving->deployment.router, RouterPolicy::prefix_aware);
}

TEST(PrefixWorkload, ReaderErrorsNameTheField) {
  struct Row { const char* tail; const char* field; };
  const Row rows[] = {
      {"    prefix: {groups: 2}\n", "serving.workload.prefix"},
      {"    prefix: {tokens: 64, groups: 0}\n", "serving.workload.prefix.groups"},
      {"    prefix: {tokens: 64, share: 1.5}\n", "serving.workload.prefix.share"},
      {"    prefix: {tokens: 64, zipf_exponent: -1}\n", "serving.workload.prefix.zipf_exponent"},
      {"    prefix: {tokens: 64}\n    shared_prefix: 64\n", "serving.workload.prefix"},
      {"    conversation: {turns: 0}\n", "serving.workload.conversation.turns"},
      {"    conversation: {turns: 2, think_time: 5}\n", "serving.workload.conversation.think_time"},
  };
  for (const Row& row : rows) {
    Result<Scenario> s = parse_scenario(std::string(kScenario) + row.tail, "bad.yaml");
    ASSERT_FALSE(s.ok()) << row.tail;
    EXPECT_NE(s.error().to_string().find(row.field), std::string::npos) << s.error().to_string();
  }
}

}  // namespace
}  // namespace stargate
