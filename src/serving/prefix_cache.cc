#include "prefix_cache.h"

#include <algorithm>
#include <unordered_map>

namespace stargate::serving_detail {

PrefixCache::PrefixCache(int64_t blocks) {
  map_.assign(16, {0, -1});
  give(blocks);
}

// ---- key → entry map ----

size_t PrefixCache::slot_of(uint64_t key) const {
  uint64_t h = key * 0x9E3779B97F4A7C15ull;
  h ^= h >> 29;
  return static_cast<size_t>(h) & (map_.size() - 1);
}

int32_t PrefixCache::find(uint64_t key) const {
  for (size_t i = slot_of(key);; i = (i + 1) & (map_.size() - 1)) {
    if (map_[i].first == key) return map_[i].second;
    if (map_[i].first == 0) return -1;
  }
}

void PrefixCache::map_insert(uint64_t key, int32_t entry) {
  if ((map_size_ + 1) * 2 > map_.size()) {  // keep the load under one half: short probes
    std::vector<std::pair<uint64_t, int32_t>> old(map_.size() * 2, {0, -1});
    old.swap(map_);
    map_size_ = 0;
    for (const auto& [k, v] : old) {
      if (k != 0) map_insert(k, v);
    }
  }
  size_t i = slot_of(key);
  while (map_[i].first != 0) i = (i + 1) & (map_.size() - 1);
  map_[i] = {key, entry};
  ++map_size_;
}

void PrefixCache::map_erase(uint64_t key) {
  const size_t mask = map_.size() - 1;
  size_t i = slot_of(key);
  while (map_[i].first != key) i = (i + 1) & mask;
  // Backward-shift deletion: move later members of the probe run into the hole when their home allows it.
  for (size_t j = (i + 1) & mask; map_[j].first != 0; j = (j + 1) & mask) {
    const size_t home = slot_of(map_[j].first);
    const bool movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
    if (movable) {
      map_[i] = map_[j];
      i = j;
    }
  }
  map_[i] = {0, -1};
  --map_size_;
}

int32_t PrefixCache::find_or_create(uint64_t key, int32_t base) {
  if (int32_t found = find(key); found >= 0) return found;
  int32_t id;
  if (free_entries_.empty()) {
    id = static_cast<int32_t>(entries_.size());
    entries_.emplace_back();
  } else {
    id = free_entries_.back();
    free_entries_.pop_back();
  }
  Entry& e = entries_[id];
  e.key = key;
  e.base = e.cached_end = e.in_use_end = base;
  e.shallowest = e.deepest = -1;
  e.holders.depth_count.clear();  // keeps its capacity: no allocation once warm
  map_insert(key, id);
  return id;
}

void PrefixCache::maybe_drop(int32_t entry) {
  Entry& e = entries_[entry];
  if (!e.holders.depth_count.empty() || e.cached_end > e.base) return;
  map_erase(e.key);
  e.key = 0;
  free_entries_.push_back(entry);
}

// ---- the free queue ----

int32_t PrefixCache::new_segment() {
  if (free_segments_.empty()) {
    segments_.emplace_back();
    return static_cast<int32_t>(segments_.size() - 1);
  }
  const int32_t id = free_segments_.back();
  free_segments_.pop_back();
  segments_[id] = Segment{};
  return id;
}

void PrefixCache::append(int32_t s) {
  segments_[s].prev = tail_;
  segments_[s].next = -1;
  if (tail_ >= 0) segments_[tail_].next = s;
  tail_ = s;
  if (head_ < 0) head_ = s;
}

void PrefixCache::unlink(int32_t s) {
  Segment& seg = segments_[s];
  (seg.prev >= 0 ? segments_[seg.prev].next : head_) = seg.next;
  (seg.next >= 0 ? segments_[seg.next].prev : tail_) = seg.prev;
  if (seg.entry >= 0) {
    Entry& e = entries_[seg.entry];
    (seg.shallower >= 0 ? segments_[seg.shallower].deeper : e.shallowest) = seg.deeper;
    (seg.deeper >= 0 ? segments_[seg.deeper].shallower : e.deepest) = seg.shallower;
  }
  free_segments_.push_back(s);
}

void PrefixCache::give(int64_t blocks) {
  if (blocks <= 0) return;
  free_blocks_ += blocks;
  if (tail_ >= 0 && segments_[tail_].entry < 0) {
    segments_[tail_].count += blocks;
    return;
  }
  const int32_t s = new_segment();
  segments_[s].count = blocks;
  append(s);
}

void PrefixCache::evict_from(int32_t s, int64_t blocks) {
  Segment& seg = segments_[s];
  seg.count -= blocks;
  const int32_t entry = seg.entry;
  if (entry >= 0) {  // the head segment of a key is its deepest: its deepest blocks go first
    seg.hi -= static_cast<int32_t>(blocks);
    entries_[entry].cached_end -= static_cast<int32_t>(blocks);
    evicted_blocks_ += blocks;
  }
  if (seg.count > 0) return;
  unlink(s);
  if (entry >= 0) maybe_drop(entry);
}

void PrefixCache::take(int64_t blocks) {
  free_blocks_ -= blocks;
  while (blocks > 0 && head_ >= 0) {
    const int64_t n = std::min(blocks, segments_[head_].count);
    evict_from(head_, n);
    blocks -= n;
  }
}

// ---- holders ----

void PrefixCache::add_holder(Entry& e, int32_t depth, int32_t delta) {
  auto& list = e.holders.depth_count;
  auto it = std::lower_bound(list.begin(), list.end(), std::make_pair(depth, INT32_MIN));
  if (it != list.end() && it->first == depth) {
    it->second += delta;
    if (it->second == 0) list.erase(it);
  } else if (delta > 0) {
    list.insert(it, {depth, delta});
  }
}

void PrefixCache::unhold_free_range(Entry& e, int32_t to) {
  while (e.in_use_end < to) {
    const int32_t s = e.shallowest;
    Segment& seg = segments_[s];
    const int32_t n = std::min(to, seg.hi) - seg.lo;
    seg.lo += n;
    seg.count -= n;
    e.in_use_end += n;
    if (seg.count == 0) unlink(s);
  }
}

int64_t PrefixCache::hold(int32_t entry, int32_t from, int32_t to) {
  Entry& e = entries_[entry];
  const int32_t reused_end = std::min(to, e.cached_end);
  const int64_t taken = std::max(0, reused_end - e.in_use_end);
  if (taken > 0) unhold_free_range(e, reused_end);
  e.cached_end = std::max(e.cached_end, to);  // blocks past the cached ones are published
  e.in_use_end = std::max(e.in_use_end, to);
  if (from > e.base) add_holder(e, from, -1);
  add_holder(e, to, +1);
  free_blocks_ -= taken;
  return taken;
}

int64_t PrefixCache::release(int32_t entry, int32_t depth) {
  Entry& e = entries_[entry];
  add_holder(e, depth, -1);
  const int32_t still_used = e.holders.depth_count.empty() ? e.base : e.holders.depth_count.back().first;
  const int32_t freed = e.in_use_end - still_used;
  if (freed > 0) {
    if (tail_ >= 0 && tail_ == e.shallowest) {  // the entry's newest free run: extend it
      segments_[tail_].lo = still_used;
      segments_[tail_].count += freed;
    } else {
      const int32_t s = new_segment();
      Segment& seg = segments_[s];
      seg.entry = entry;
      seg.count = freed;
      seg.lo = still_used;
      seg.hi = e.in_use_end;
      seg.deeper = e.shallowest;
      if (e.shallowest >= 0) segments_[e.shallowest].shallower = s;
      e.shallowest = s;
      if (e.deepest < 0) e.deepest = s;
      append(s);
    }
    e.in_use_end = still_used;
    free_blocks_ += freed;
  }
  maybe_drop(entry);
  return std::max(0, freed);
}

bool PrefixCache::consistent() const {
  std::unordered_map<int32_t, int64_t> position;
  int64_t free = 0, index = 0;
  for (int32_t s = head_; s >= 0; s = segments_[s].next) {
    if (segments_[s].count <= 0) return false;
    free += segments_[s].count;
    position[s] = index++;
  }
  if (free != free_blocks_) return false;
  for (const auto& [key, id] : map_) {
    if (key == 0) continue;
    const Entry& e = entries_[id];
    const int32_t deepest_holder = e.holders.depth_count.empty() ? e.base : e.holders.depth_count.back().first;
    if (e.key != key || e.in_use_end != deepest_holder || e.cached_end < e.in_use_end) return false;
    int32_t covered = e.in_use_end;
    int64_t newer = INT64_MAX;
    for (int32_t s = e.shallowest; s >= 0; s = segments_[s].deeper) {  // tiles the free range, deeper = older
      const Segment& seg = segments_[s];
      if (seg.lo != covered || seg.hi - seg.lo != seg.count || !position.count(s) || position[s] >= newer) return false;
      covered = seg.hi;
      newer = position[s];
    }
    if (covered != e.cached_end) return false;
  }
  return true;
}

}  // namespace stargate::serving_detail
