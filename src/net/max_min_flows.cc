// Max-min fair rates by progressive filling, level by level: the link with the smallest fair share (remaining
// capacity / unfrozen flows) fixes the rate of all its flows; repeat. Between completions rates are constant, so
// time jumps from one completion to the next (STYLE.md #7).
#include <algorithm>
#include <cassert>
#include <limits>

#include "stargate/net/flow_model.h"

namespace stargate::net {
namespace {

constexpr double kRelativeTolerance = 1e-9;

}  // namespace

namespace {

// Which flows cross each link (CSR: link_flows[link_start[l] .. link_start[l+1])) and the links in use.
struct LinkIncidence {
  std::vector<int> link_start;
  std::vector<int> link_flows;
  std::vector<int> used;
};

LinkIncidence link_incidence(int links, const FlowSet& flows) {
  const int n = flows.size();
  LinkIncidence in;
  in.link_start.assign(links + 1, 0);
  for (int l : flows.path_links) ++in.link_start[l + 1];
  for (int l = 0; l < links; ++l) in.link_start[l + 1] += in.link_start[l];
  in.link_flows.resize(flows.path_links.size());
  std::vector<int> fill(in.link_start.begin(), in.link_start.end() - 1);
  for (int f = 0; f < n; ++f) {
    for (int k = flows.path_offsets[f]; k < flows.path_offsets[f + 1]; ++k) in.link_flows[fill[flows.path_links[k]]++] = f;
  }
  for (int l = 0; l < links; ++l) {
    if (in.link_start[l + 1] > in.link_start[l]) in.used.push_back(l);
  }
  return in;
}

// The state of the solver between completions; the vectors are reused across rate updates.
struct FillingState {
  std::vector<double> remaining, rate, cap;
  std::vector<int> unfrozen;
  std::vector<char> active, frozen;
  int active_count = 0;
};

// Progressive filling (max-min fairness) over the active flows: the tightest link's fair share freezes its flows,
// their rates leave the other links' capacity, until every active flow has a rate.
void fill_rates(const std::vector<double>& capacity, const FlowSet& flows, const LinkIncidence& in, FillingState& s) {
  const int n = flows.size();
  int to_freeze = s.active_count;
  for (int l : in.used) s.cap[l] = capacity[l], s.unfrozen[l] = 0;
  for (int f = 0; f < n; ++f) {
    s.frozen[f] = !s.active[f];
    if (!s.active[f]) continue;
    for (int k = flows.path_offsets[f]; k < flows.path_offsets[f + 1]; ++k) ++s.unfrozen[flows.path_links[k]];
  }
  while (to_freeze > 0) {
    double share = std::numeric_limits<double>::infinity();
    for (int l : in.used) {
      if (s.unfrozen[l] > 0) share = std::min(share, s.cap[l] / s.unfrozen[l]);
    }
    const double limit = share * (1 + kRelativeTolerance);
    for (int l : in.used) {
      if (s.unfrozen[l] == 0 || s.cap[l] / s.unfrozen[l] > limit) continue;
      for (int k = in.link_start[l]; k < in.link_start[l + 1]; ++k) {
        const int f = in.link_flows[k];
        if (s.frozen[f]) continue;
        s.frozen[f] = 1;
        s.rate[f] = share;
        --to_freeze;
        for (int j = flows.path_offsets[f]; j < flows.path_offsets[f + 1]; ++j) {
          s.cap[flows.path_links[j]] -= share;
          --s.unfrozen[flows.path_links[j]];
        }
      }
    }
  }
}

// Moves every active flow at its rate to the next completion; completed flows leave. Returns the new time.
double advance_to_next_completion(double now, const FlowSet& flows, FillingState& s, FlowOutcome& out) {
  const int n = flows.size();
  double dt = std::numeric_limits<double>::infinity();
  for (int f = 0; f < n; ++f) {
    if (s.active[f]) dt = std::min(dt, s.remaining[f] / s.rate[f]);
  }
  now += dt;
  for (int f = 0; f < n; ++f) {
    if (!s.active[f]) continue;
    const double moved = std::min(s.remaining[f], s.rate[f] * dt);
    s.remaining[f] -= moved;
    for (int k = flows.path_offsets[f]; k < flows.path_offsets[f + 1]; ++k) out.link_bytes[flows.path_links[k]] += moved;
    if (s.remaining[f] <= kRelativeTolerance * flows.bytes[f] * 1e3) {
      for (int k = flows.path_offsets[f]; k < flows.path_offsets[f + 1]; ++k) {
        out.link_bytes[flows.path_links[k]] += s.remaining[f];
      }
      s.remaining[f] = 0;
      s.active[f] = 0;
      --s.active_count;
      out.finish_seconds[f] = now;
    }
  }
  return now;
}

}  // namespace

FlowOutcome solve_max_min(const std::vector<double>& capacity, const FlowSet& flows) {
  const int n = flows.size();
  const int links = static_cast<int>(capacity.size());
  FlowOutcome out;
  out.finish_seconds.assign(n, 0.0);
  out.link_bytes.assign(links, 0.0);
  const LinkIncidence incidence = link_incidence(links, flows);
  FillingState state{.remaining = flows.bytes,
                     .rate = std::vector<double>(n, 0.0),
                     .cap = std::vector<double>(links, 0.0),
                     .unfrozen = std::vector<int>(links, 0),
                     .active = std::vector<char>(n, 0),
                     .frozen = std::vector<char>(n, 0)};
  for (int f = 0; f < n; ++f) {
    assert(flows.path_offsets[f + 1] > flows.path_offsets[f] && "a flow needs at least one link");
    if (state.remaining[f] > 0) state.active[f] = 1, ++state.active_count;
  }
  double now = 0;
  while (state.active_count > 0) {
    ++out.rate_updates;
    fill_rates(capacity, flows, incidence, state);
    now = advance_to_next_completion(now, flows, state, out);
  }
  return out;
}

}  // namespace stargate::net
