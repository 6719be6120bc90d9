#pragma once
// A memo of a pure function from 64-bit keys to non-negative doubles: an open-addressing table (linear probing,
// power-of-two capacity, at most half full), one cache line per lookup instead of a node chase. A memoized step
// time is asked for every simulated iteration, so the lookup is on the simulator's hot path.
#include <cstdint>
#include <vector>

namespace stargate {

class FlatMemo {
 public:
  // The value stored for `key`, or a negative number when there is none.
  double find(uint64_t key) const {
    if (slots_.empty()) return -1;
    for (size_t i = home(key);; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value < 0) return -1;
      if (s.key == key) return s.value;
    }
  }
  // Stores `value` (≥ 0) for `key`, which has none yet.
  void insert(uint64_t key, double value) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    place(key, value);
    ++size_;
  }
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t key = 0;
    double value = -1;  // negative: empty
  };
  size_t home(uint64_t key) const {  // SplitMix64's finalizer: keys that differ in any bit spread over the table
    key = (key ^ (key >> 30)) * 0xbf58476d1ce4e5b9ull;
    key = (key ^ (key >> 27)) * 0x94d049bb133111ebull;
    return static_cast<size_t>(key ^ (key >> 31)) & mask_;
  }
  void place(uint64_t key, double value) {
    size_t i = home(key);
    while (slots_[i].value >= 0) i = (i + 1) & mask_;
    slots_[i] = {key, value};
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.value >= 0) place(s.key, s.value);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0, size_ = 0;
};

}  // namespace stargate
