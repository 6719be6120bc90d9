#include "prefix_sharing.h"

#include <algorithm>
#include <climits>

namespace stargate::serving_detail {
namespace {

// Blocks of the shared prompt (level 0); the conversation's blocks (level 1) start here.
int32_t group_blocks(const Req& r, int block_tokens) { return r.group_key ? r.group_tokens / block_tokens : 0; }

// The blocks [0, extent) of `r` that its keys cover.
int32_t shareable_blocks(const Req& r, int block_tokens) {
  return r.session_key ? INT32_MAX : group_blocks(r, block_tokens);
}

}  // namespace

int32_t prefix_hit_blocks(const PrefixCache& cache, const Req& r, int block_tokens, int32_t cap) {
  const int32_t g_end = group_blocks(r, block_tokens);
  int32_t hit = 0;
  if (g_end > 0) {
    const int32_t e = cache.find(r.group_key);
    if (e < 0) return 0;
    hit = std::min({cache.cached_end(e), g_end, cap});
    if (hit < g_end) return hit;  // the chain stops: nothing past a missing block can match
  }
  if (r.session_key) {
    const int32_t e = cache.find(r.session_key);
    if (e >= 0) hit = std::max(hit, std::min(cache.cached_end(e), cap));
  }
  return hit;
}

int64_t prefix_free_blocks(const PrefixCache& cache, const Req& r, int block_tokens, int32_t blocks) {
  const int32_t g_end = group_blocks(r, block_tokens);
  int64_t free = 0;
  if (g_end > 0) {
    const int32_t e = cache.find(r.group_key);
    if (e >= 0) free += std::max(0, std::min(blocks, g_end) - cache.in_use_end(e));
  }
  if (r.session_key && blocks > g_end) {
    const int32_t e = cache.find(r.session_key);
    if (e >= 0) free += std::max(0, blocks - std::max(g_end, cache.in_use_end(e)));
  }
  return free;
}

void share_prefix_blocks(Replica& rep, Req& r, int block_tokens, int32_t to, bool allocated) {
  PrefixCache& cache = *rep.cache;
  const int32_t from = r.shared_blocks, g_end = group_blocks(r, block_tokens);
  to = std::min(to, shareable_blocks(r, block_tokens));
  if (to <= from) return;
  int64_t taken = 0, reused = 0;
  auto level = [&](int lv, uint64_t key, int32_t base, int32_t lo, int32_t hi) {
    if (r.cache_entry[lv] < 0) r.cache_entry[lv] = cache.find_or_create(key, base);
    const int32_t e = r.cache_entry[lv];
    reused += std::max(0, std::min(hi, cache.cached_end(e)) - lo);
    taken += cache.hold(e, lo, hi);
  };
  if (from < g_end) level(0, r.group_key, 0, from, std::min(to, g_end));
  if (r.session_key && to > g_end) level(1, r.session_key, g_end, std::max(from, g_end), to);
  r.shared_blocks = to;
  if (allocated) {  // the private copies become the cached blocks, or are freed where the cache had them
    r.blocks -= to - from;
    cache.give(reused);
    rep.blocks_free += reused - taken;
  } else {
    rep.blocks_free -= taken;
  }
}

void release_prefix_blocks(Replica& rep, Req& r, int block_tokens) {
  const int32_t g_end = group_blocks(r, block_tokens);
  if (r.cache_entry[1] >= 0) rep.blocks_free += rep.cache->release(r.cache_entry[1], r.shared_blocks);
  if (r.cache_entry[0] >= 0) rep.blocks_free += rep.cache->release(r.cache_entry[0], std::min(r.shared_blocks, g_end));
  r.cache_entry[0] = r.cache_entry[1] = -1;
  r.shared_blocks = 0;
}

}  // namespace stargate::serving_detail
