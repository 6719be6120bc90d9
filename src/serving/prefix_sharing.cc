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

// A content key from the parts of a prefix identity (FNV-1a style mixing). The conversation's key names the shared
// prompt too, so turns that disagree on it never share blocks. Never 0 (0 = none).
uint64_t content_key(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint64_t v : {a, b, c}) {
    h = (h ^ v) * 0x100000001b3ull;
    h ^= h >> 31;
  }
  return h == 0 ? 1 : h;
}

}  // namespace

void set_prefix_identity(Req& r, const ServingRequest& request) {
  const int32_t group_tokens = std::min(request.prefix_tokens, r.input);
  if (request.prefix_id != 0 && group_tokens > 0) {
    r.group_key = content_key(1, request.prefix_id, 0);
    r.group_tokens = group_tokens;
  }
  if (request.session_id != 0) r.session_key = content_key(2, request.session_id, r.group_key ^ uint64_t(group_tokens));
}

int prefix_affine_replica(const std::vector<Replica>& replicas, const Req& r, int first, int count, int least_loaded,
                          int block_tokens) {
  if (r.group_key == 0 && r.session_key == 0) return least_loaded;
  const int32_t cap = (r.input - 1) / block_tokens;
  const int load_limit = replicas[static_cast<size_t>(least_loaded)].outstanding + kPrefixRouterLoadSlack;
  int best = least_loaded;
  int32_t best_hit = 0;
  for (int i = first; i < first + count; ++i) {
    const Replica& rep = replicas[static_cast<size_t>(i)];
    if (!rep.cache || rep.outstanding > load_limit) continue;
    const int32_t hit = prefix_hit_blocks(*rep.cache, r, block_tokens, cap);
    const bool less_loaded = rep.outstanding < replicas[static_cast<size_t>(best)].outstanding;
    if (hit > best_hit || (hit == best_hit && hit > 0 && less_loaded)) {
      best = i;
      best_hit = hit;
    }
  }
  return best;
}

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
