#pragma once
// Progress of long work, reported by the library layers to whoever shows it (the command line draws a bar).
// Contract for every function that takes one: called with `done` never decreasing and never above `total`, from
// the calling thread, often enough to draw a bar but rarely enough to cost nothing measurable (a simulator reports
// every few thousand events, a loop over cases once per case). An empty callback is never called.
#include <cstddef>
#include <functional>

namespace stargate {

using ProgressCallback = std::function<void(size_t done, size_t total)>;

}  // namespace stargate
