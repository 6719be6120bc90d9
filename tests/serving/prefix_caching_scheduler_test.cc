// The scheduler with a prefix cache, on replicas small enough to follow by hand: blocks of 10 tokens, prompts of
// one shared 40-token prefix (4 full blocks) + 1 token, one output token. A request holds 5 blocks: the prefix's 4
// (published to the cache) and 1 private; when it leaves, all 5 join the free queue (private first).
//   K prefixes fill a cache of 5K blocks exactly. Round robin over N ≤ K prefixes: after the first round every
//   prompt finds its 4 blocks cached. Over N = K + 1: each new prefix evicts the least recently used one, which
//   is the next one asked for: LRU never hits (the classic LRU thrash).
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "serving/prefix_sharing.h"
#include "serving/replica.h"

namespace stargate::serving_detail {
namespace {

struct Bench {
  SchedulerConfig cfg;
  std::vector<Req> reqs;
  int64_t preemptions = 0;
  Replica rep;
  // Request by request: the books below read every running request's blocks, which a decode cohort's members
  // bring up to date only when read by the scheduler (decode_cohort.h); decode_cohort_test shows the cohort gives
  // this scheduler's result under prefix caching and preemption.
  SchedulerContext ctx() {
    return {.config = &cfg, .kv_bytes_per_token = 1, .requests = &reqs, .preemptions = &preemptions,
            .decode_cohort = false};
  }

  Bench(int64_t blocks, int block_tokens) {
    cfg.block_tokens = block_tokens;
    cfg.max_batch_tokens = 1000;
    rep.blocks_total = rep.blocks_free = blocks;
    rep.cache = std::make_unique<PrefixCache>(blocks);
  }
};

// Hit tokens of each request, served one after the other, prefix k of request i = order[i].
std::vector<int64_t> serve_in_turn(int64_t blocks, const std::vector<int>& order) {
  Bench b(blocks, 10);
  std::vector<int64_t> hits;
  for (size_t i = 0; i < order.size(); ++i) {
    b.reqs.push_back(Req{.input = 41, .output = 1, .group_key = 100 + uint64_t(order[i]), .group_tokens = 40});
    const int64_t before = b.rep.prefix_hit_tokens;
    b.rep.waiting.push_back(static_cast<int32_t>(i));
    SchedulerContext ctx = b.ctx();
    form_iteration(b.rep, ctx);
    EXPECT_EQ(b.rep.scheduled.size(), 1u);
    finish_iteration(b.rep, ctx, [&](int32_t id) { release_blocks(b.rep, b.reqs[id], 10); });
    EXPECT_TRUE(b.rep.running.empty());
    EXPECT_EQ(b.rep.blocks_free, blocks);
    EXPECT_TRUE(b.rep.cache->consistent());
    hits.push_back(b.rep.prefix_hit_tokens - before);
  }
  return hits;
}

std::vector<int> round_robin(int prefixes, int requests) {
  std::vector<int> order;
  for (int i = 0; i < requests; ++i) order.push_back(i % prefixes);
  return order;
}

TEST(PrefixCachingScheduler, RoundRobinOverPrefixesThatFitHitsEveryTimeAfterTheFirstRound) {
  const int k = 3;
  for (int n : {1, 2, 3}) {
    const std::vector<int64_t> hits = serve_in_turn(5 * k, round_robin(n, 30));
    for (int i = 0; i < 30; ++i) EXPECT_EQ(hits[i], i < n ? 0 : 40) << "n " << n << " request " << i;
  }
}

TEST(PrefixCachingScheduler, RoundRobinOverOneMorePrefixThanFitsNeverHits_LruThrash) {
  const int k = 3;
  const std::vector<int64_t> hits = serve_in_turn(5 * k, round_robin(k + 1, 40));
  for (int i = 0; i < 40; ++i) EXPECT_EQ(hits[i], 0) << i;
}

TEST(PrefixCachingScheduler, AHitSkipsTheCachedTokensAndComputesTheRest) {
  Bench b(20, 10);
  b.reqs = {Req{.input = 41, .output = 1, .group_key = 5, .group_tokens = 40},
            Req{.input = 65, .output = 1, .group_key = 5, .group_tokens = 40}};
  SchedulerContext ctx = b.ctx();
  b.rep.waiting.push_back(0);
  form_iteration(b.rep, ctx);
  finish_iteration(b.rep, ctx, [&](int32_t id) { release_blocks(b.rep, b.reqs[id], 10); });
  b.rep.waiting.push_back(1);
  const BatchShape shape = form_iteration(b.rep, ctx);
  EXPECT_EQ(shape.prefill_tokens, 25);                            // 65 − 40 cached
  EXPECT_DOUBLE_EQ(shape.prefill_pairs, 25.0 * 40 + 25.0 * 25 / 2);  // the cached context is attended to
  EXPECT_EQ(b.reqs[1].shared_blocks, 4);  // the hit; its own tokens past the shared prompt are private
  EXPECT_EQ(b.reqs[1].blocks, 3);
}

// Many requests of three shared prompts and some conversations on a cache too small for them, with preemption:
// after every iteration the cache's books balance and every request's shared blocks are still cached.
void check_books(Bench& b) {
  ASSERT_TRUE(b.rep.cache->consistent());
  ASSERT_EQ(b.rep.cache->free_blocks(), b.rep.blocks_free);
  int64_t held = b.rep.blocks_free;
  std::map<int32_t, int32_t> in_use;  // entry → blocks in use
  for (int32_t id : b.rep.running) {
    const Req& r = b.reqs[id];
    held += r.blocks;
    const int32_t g_end = r.group_key ? r.group_tokens / b.cfg.block_tokens : 0;
    for (int lv = 0; lv < 2; ++lv) {
      const int32_t e = r.cache_entry[lv];
      if (e < 0) continue;
      const int32_t base = lv == 0 ? 0 : g_end;
      const int32_t depth = lv == 0 ? std::min(r.shared_blocks, g_end) : r.shared_blocks;
      ASSERT_LE(depth, b.rep.cache->in_use_end(e));
      ASSERT_LE(b.rep.cache->in_use_end(e), b.rep.cache->cached_end(e));
      in_use[e] = b.rep.cache->in_use_end(e) - base;
    }
  }
  for (const auto& [entry, blocks] : in_use) held += blocks;
  ASSERT_EQ(held, b.rep.blocks_total);
}

void run_random_load(PreemptionMode mode) {
  Bench b(40, 4);
  b.cfg.max_batch_tokens = 32;
  b.cfg.max_batch_sequences = 8;
  b.cfg.preemption = mode;
  std::mt19937_64 rng(11);
  const int total = 400;
  int arrived = 0, finished = 0;
  while (finished < total) {
    if (arrived < total && rng() % 3 != 0) {
      Req r{.input = 4 + int32_t(rng() % 30), .output = 1 + int32_t(rng() % 16)};
      if (rng() % 4 != 0) r.group_key = 1 + rng() % 3, r.group_tokens = 8 + int32_t(rng() % 9);
      if (rng() % 3 == 0) r.session_key = 1000 + rng() % 8, r.group_key = 0;
      b.reqs.push_back(r);
      b.rep.waiting.push_back(arrived++);
    }
    SchedulerContext ctx = b.ctx();
    form_iteration(b.rep, ctx);
    check_books(b);
    if (testing::Test::HasFatalFailure()) return;
    finish_iteration(b.rep, ctx, [&](int32_t id) {
      if (b.reqs[id].generated >= b.reqs[id].output) release_blocks(b.rep, b.reqs[id], b.cfg.block_tokens), ++finished;
    });
  }
  EXPECT_GT(b.preemptions, 0);
  EXPECT_GT(b.rep.prefix_hit_tokens, 0);
  EXPECT_GT(b.rep.cache->evicted_blocks(), 0);
  EXPECT_EQ(b.rep.blocks_free, b.rep.blocks_total);
}

TEST(PrefixCachingScheduler, BooksBalanceAndHeldBlocksStayCached_RecomputePreemption) {
  run_random_load(PreemptionMode::recompute);
}

TEST(PrefixCachingScheduler, BooksBalanceAndHeldBlocksStayCached_SwapPreemption) {
  run_random_load(PreemptionMode::swap);
}

}  // namespace
}  // namespace stargate::serving_detail
