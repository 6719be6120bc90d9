// Progressive filling on the class graph: solve_max_min (max_min_flows.cc) with each flow class standing for
// `flows` identical flows and each link class for identical links; a link class's load is Σ count × rate.
#include "stargate/net/flow_classes.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace stargate::net {
namespace {

constexpr double kRelativeTolerance = 1e-9;  // the same tolerances as solve_max_min

struct ClassFillingState {
  std::vector<double> remaining, rate, cap, unfrozen;  // unfrozen: flows per link not yet given a rate
  std::vector<char> active, frozen;
  int active_count = 0;
};

// Progressive filling over the active classes: the tightest link class's fair share (remaining capacity / unfrozen
// flows per link) freezes the classes crossing it, whose load leaves every link class they cross.
void fill_class_rates(const ClassFlowSet& set, ClassFillingState& s) {
  const int classes = static_cast<int>(set.classes.size());
  const int links = static_cast<int>(set.links.size());
  int to_freeze = s.active_count;
  for (int l = 0; l < links; ++l) s.cap[l] = set.links[l].bytes_per_s, s.unfrozen[l] = 0;
  for (int c = 0; c < classes; ++c) {
    s.frozen[c] = !s.active[c];
    if (!s.active[c]) continue;
    for (const auto& [l, count] : set.classes[c].load) s.unfrozen[l] += count;
  }
  while (to_freeze > 0) {
    double share = std::numeric_limits<double>::infinity();
    for (int l = 0; l < links; ++l) {
      if (s.unfrozen[l] > 0) share = std::min(share, s.cap[l] / s.unfrozen[l]);
    }
    const double limit = share * (1 + kRelativeTolerance);
    for (int l = 0; l < links; ++l) {
      if (s.unfrozen[l] <= 0 || s.cap[l] / s.unfrozen[l] > limit) continue;
      for (int c = 0; c < classes; ++c) {
        if (s.frozen[c]) continue;
        const auto& load = set.classes[c].load;
        if (std::none_of(load.begin(), load.end(), [&](const auto& e) { return e.first == l && e.second > 0; })) {
          continue;
        }
        s.frozen[c] = 1;
        s.rate[c] = share;
        --to_freeze;
        for (const auto& [k, count] : load) {
          s.cap[k] -= count * share;
          s.unfrozen[k] -= count;
        }
      }
    }
  }
}

// Moves every active class at its rate to the next completion; completed classes leave. Returns the new time.
double advance_classes(double now, const ClassFlowSet& set, ClassFillingState& s, ClassFlowOutcome& out) {
  const int classes = static_cast<int>(set.classes.size());
  double dt = std::numeric_limits<double>::infinity();
  for (int c = 0; c < classes; ++c) {
    if (s.active[c]) dt = std::min(dt, s.remaining[c] / s.rate[c]);
  }
  now += dt;
  for (int c = 0; c < classes; ++c) {
    if (!s.active[c]) continue;
    const FlowClass& fc = set.classes[c];
    double moved = std::min(s.remaining[c], s.rate[c] * dt);
    s.remaining[c] -= moved;
    const bool done = s.remaining[c] <= kRelativeTolerance * fc.bytes * 1e3;
    if (done) moved += s.remaining[c], s.remaining[c] = 0;
    for (const auto& [l, count] : fc.load) out.link_bytes[l] += count * moved;
    if (done) {
      s.active[c] = 0;
      --s.active_count;
      out.finish_seconds[c] = now;
    }
  }
  return now;
}

}  // namespace

ClassFlowOutcome solve_max_min_classes(const ClassFlowSet& set) {
  const int classes = static_cast<int>(set.classes.size());
  const int links = static_cast<int>(set.links.size());
  ClassFlowOutcome out;
  out.finish_seconds.assign(classes, 0.0);
  out.link_bytes.assign(links, 0.0);
  ClassFillingState state{.remaining = std::vector<double>(classes, 0.0),
                          .rate = std::vector<double>(classes, 0.0),
                          .cap = std::vector<double>(links, 0.0),
                          .unfrozen = std::vector<double>(links, 0.0),
                          .active = std::vector<char>(classes, 0),
                          .frozen = std::vector<char>(classes, 0)};
  for (int c = 0; c < classes; ++c) {
    state.remaining[c] = set.classes[c].bytes;
    assert(!set.classes[c].load.empty() && "a flow class needs at least one link");
    if (state.remaining[c] > 0 && set.classes[c].flows > 0) state.active[c] = 1, ++state.active_count;
  }
  double now = 0;
  while (state.active_count > 0) {
    ++out.rate_updates;
    fill_class_rates(set, state);
    now = advance_classes(now, set, state, out);
  }
  return out;
}

}  // namespace stargate::net
