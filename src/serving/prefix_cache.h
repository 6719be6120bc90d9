#pragma once
// Internal: one replica's automatic prefix cache, the way vLLM's V1 KV-cache manager keeps it
// (vllm/v1/core/block_pool.py, kv_cache_manager.py) and SGLang's RadixAttention tree evicts it:
//  - Only FULL blocks are shared. A block's identity is its content: block i of a request whose first tokens are
//    content `key` is the same block as block i of every other request with that key (vLLM chains block hashes, so
//    equal hashes mean equal prefixes; here a key names such a prefix chain).
//  - Blocks carry reference counts: a block in use by a running request is never evicted.
//  - A freed block keeps its content and joins the tail of the free queue; a hit takes it back out. New blocks
//    come from the head, evicting whatever cached content is there: least recently used first, and only when a
//    block is needed (memory pressure). A request frees its blocks deepest first, so deeper blocks of a prefix
//    are always evicted before shallower ones.
//
// Cost: no per-block or per-token work. The blocks of a key that are cached always form a range
// [base, cached_end) and those in use a range [base, in_use_end): every user of block i uses blocks < i too, and
// releases them at the same moment, deepest first. So the free queue is a list of SEGMENTS (a range of one key's
// blocks freed together, or a count of blocks holding no shared content) and every operation is O(1) amortized
// plus a hash lookup of the key.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace stargate::serving_detail {

class PrefixCache {
 public:
  explicit PrefixCache(int64_t blocks);

  // The entry of `key` (a nonzero content key), or -1 when none of its blocks are cached or held.
  int32_t find(uint64_t key) const;
  // The entry of `key`, created empty with its blocks starting at block index `base` when absent.
  int32_t find_or_create(uint64_t key, int32_t base);
  // Blocks [base, cached_end) of an entry hold cached content; [base, in_use_end) are held by running requests.
  int32_t cached_end(int32_t entry) const { return entries_[entry].cached_end; }
  int32_t in_use_end(int32_t entry) const { return entries_[entry].in_use_end; }

  // A holder of `entry` grows from depth `from` (the entry's base for a new holder) to `to` > from: cached free
  // blocks in [from, to) leave the free queue and blocks at or past cached_end are published (their content becomes
  // cached; the caller allocated them). Returns the blocks that left the free queue.
  int64_t hold(int32_t entry, int32_t from, int32_t to);
  // A holder at `depth` leaves (depth > base); blocks no holder uses any more join the free queue's tail, content
  // kept. Returns them. The entry may be dropped: do not use it after the last holder left.
  int64_t release(int32_t entry, int32_t depth);

  // `blocks` free blocks are handed out: taken from the head of the free queue, evicting the cached content they
  // hold (LRU). Precondition: blocks <= free_blocks().
  void take(int64_t blocks);
  // `blocks` blocks holding no shared content are freed (to the tail of the free queue).
  void give(int64_t blocks);

  int64_t free_blocks() const { return free_blocks_; }
  int64_t evicted_blocks() const { return evicted_blocks_; }
  // Test hook: every invariant above holds (free count = sum of segments, in-use ranges = deepest holder, ...).
  bool consistent() const;

 private:
  struct Holders {  // how many holders hold each depth (a small sorted list; most keys have one or two depths)
    std::vector<std::pair<int32_t, int32_t>> depth_count;
  };
  struct Entry {
    uint64_t key = 0;
    int32_t base = 0, cached_end = 0, in_use_end = 0;
    int32_t shallowest = -1, deepest = -1;  // its free segments, shallowest (newest) to deepest (oldest)
    Holders holders;
  };
  // A run of free blocks: blocks [lo, hi) of `entry`, or `count` blocks without shared content (entry -1).
  struct Segment {
    int32_t entry = -1;
    int64_t count = 0;
    int32_t lo = 0, hi = 0;
    int32_t prev = -1, next = -1;                 // free queue, head = least recently used
    int32_t shallower = -1, deeper = -1;          // the entry's other free segments
  };

  int32_t new_segment();
  void append(int32_t segment);
  void unlink(int32_t segment);
  void evict_from(int32_t segment, int64_t blocks);
  void unhold_free_range(Entry& e, int32_t to);  // removes [in_use_end, to) from e's free segments
  void add_holder(Entry& e, int32_t depth, int32_t delta);
  void maybe_drop(int32_t entry);

  // Open-addressing map key → entry (linear probing, backward-shift deletion; key 0 = empty slot).
  size_t slot_of(uint64_t key) const;
  void map_insert(uint64_t key, int32_t entry);
  void map_erase(uint64_t key);

  std::vector<Entry> entries_;
  std::vector<int32_t> free_entries_;
  std::vector<Segment> segments_;
  std::vector<int32_t> free_segments_;
  std::vector<std::pair<uint64_t, int32_t>> map_;
  size_t map_size_ = 0;
  int32_t head_ = -1, tail_ = -1;
  int64_t free_blocks_ = 0, evicted_blocks_ = 0;
};

}  // namespace stargate::serving_detail
