// The prefix cache's block accounting, by hand: reference counts, the free queue's LRU order (deepest blocks of a
// prefix first), eviction only of blocks no request holds.
#include <gtest/gtest.h>

#include <random>

#include "serving/prefix_cache.h"

namespace stargate::serving_detail {
namespace {

TEST(PrefixCache, ReleasedBlocksStayCachedAndFreeUntilAHitTakesThemBack) {
  PrefixCache cache(10);
  const int32_t e = cache.find_or_create(7, 0);
  cache.take(4);                          // a request allocates 4 blocks ...
  EXPECT_EQ(cache.hold(e, 0, 4), 0);      // ... and publishes them
  EXPECT_EQ(cache.free_blocks(), 6);
  EXPECT_EQ(cache.release(e, 4), 4);      // it leaves: the blocks are free and still cached
  EXPECT_EQ(cache.free_blocks(), 10);
  EXPECT_EQ(cache.cached_end(e), 4);
  EXPECT_EQ(cache.find(7), e);
  EXPECT_EQ(cache.hold(e, 0, 3), 3);      // a hit on 3 of them takes them out of the free queue
  EXPECT_EQ(cache.free_blocks(), 7);
  EXPECT_EQ(cache.in_use_end(e), 3);
  EXPECT_TRUE(cache.consistent());
}

TEST(PrefixCache, AllocationUsesLeastRecentlyFreedBlocksFirstAndDeepestBlocksOfAPrefixFirst) {
  PrefixCache cache(8);
  const int32_t a = cache.find_or_create(1, 0), b = cache.find_or_create(2, 0);
  cache.take(8);
  cache.hold(a, 0, 4);
  cache.hold(b, 0, 4);
  cache.release(a, 4);  // a's blocks are older than b's
  cache.release(b, 4);
  cache.take(3);        // evicts a's blocks 3, 2, 1
  EXPECT_EQ(cache.cached_end(a), 1);
  EXPECT_EQ(cache.cached_end(b), 4);
  EXPECT_EQ(cache.evicted_blocks(), 3);
  cache.take(2);        // a's last block, then b's deepest
  EXPECT_EQ(cache.find(1), -1);  // nothing of a is left: its entry is gone
  EXPECT_EQ(cache.cached_end(b), 3);
  EXPECT_TRUE(cache.consistent());
}

TEST(PrefixCache, BlocksStayInUseWhileAnyHolderHoldsThem) {
  PrefixCache cache(6);
  const int32_t e = cache.find_or_create(3, 0);
  cache.take(4);
  cache.hold(e, 0, 4);  // holder A: 4 blocks
  cache.hold(e, 0, 2);  // holder B: the first 2
  EXPECT_EQ(cache.release(e, 4), 2);  // A leaves: only blocks 2, 3 become free
  EXPECT_EQ(cache.in_use_end(e), 2);
  cache.take(4);                      // 2 never-used blocks, then the 2 free cached ones; B's stay
  EXPECT_EQ(cache.cached_end(e), 2);
  EXPECT_EQ(cache.free_blocks(), 0);
  EXPECT_EQ(cache.release(e, 2), 2);
  EXPECT_TRUE(cache.consistent());
}

// Random requests on a small cache (hit, allocate, publish, leave): after every step the free count is the blocks
// no one holds, and eviction never reached a held block (every holder's blocks are still cached and in use).
TEST(PrefixCache, EvictionNeverFreesABlockInUse_RandomOperations) {
  const int64_t total = 64;
  PrefixCache cache(total);
  struct Holder { int32_t entry, depth; int64_t private_blocks; };
  std::vector<Holder> holders;
  std::mt19937_64 rng(5);
  int64_t hits = 0;
  for (int step = 0; step < 20000; ++step) {
    if (!holders.empty() && (rng() % 2 == 0 || cache.free_blocks() < 4)) {
      const size_t i = rng() % holders.size();
      cache.give(holders[i].private_blocks);
      if (holders[i].depth > 0) cache.release(holders[i].entry, holders[i].depth);
      holders.erase(holders.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      const uint64_t key = 1 + rng() % 6;
      int32_t entry = cache.find(key);
      const int32_t hit = entry < 0 ? 0 : std::min<int32_t>(cache.cached_end(entry), static_cast<int32_t>(rng() % 6));
      if (hit > 0) cache.hold(entry, 0, hit), ++hits;
      const int64_t fresh = std::min<int64_t>(1 + rng() % 4, cache.free_blocks());
      cache.take(fresh);  // may evict: an entry nobody holds may be gone
      if (hit == 0) entry = cache.find(key);
      int32_t depth = hit;
      int64_t kept = fresh;
      if (fresh > 1 && depth == (entry < 0 ? 0 : cache.cached_end(entry))) {  // at the frontier: publish
        if (entry < 0) entry = cache.find_or_create(key, 0);
        cache.hold(entry, depth, depth + static_cast<int32_t>(fresh - 1));
        depth += static_cast<int32_t>(fresh - 1);
        kept = 1;
      }
      holders.push_back({entry, depth, kept});
    }
    ASSERT_TRUE(cache.consistent()) << step;
    int64_t held = 0;
    std::vector<int32_t> deepest(64, 0);
    for (const Holder& h : holders) {
      if (h.depth == 0) {
        held += h.private_blocks;
        continue;
      }
      ASSERT_LE(h.depth, cache.in_use_end(h.entry)) << step;
      ASSERT_LE(cache.in_use_end(h.entry), cache.cached_end(h.entry)) << step;
      deepest[static_cast<size_t>(h.entry)] = std::max(deepest[static_cast<size_t>(h.entry)], h.depth);
      held += h.private_blocks;
    }
    for (int32_t d : deepest) held += d;
    ASSERT_EQ(cache.free_blocks() + held, total) << step;
  }
  EXPECT_GT(hits, 1000);
  EXPECT_GT(cache.evicted_blocks(), 1000);
}

}  // namespace
}  // namespace stargate::serving_detail
