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

FlowOutcome solve_max_min(const std::vector<double>& capacity, const FlowSet& flows) {
  const int n = flows.size();
  const int links = static_cast<int>(capacity.size());
  FlowOutcome out;
  out.finish_seconds.assign(n, 0.0);
  out.link_bytes.assign(links, 0.0);

  // Link -> flows incidence (CSR) and the list of links in use.
  std::vector<int> link_start(links + 1, 0);
  for (int l : flows.path_links) ++link_start[l + 1];
  for (int l = 0; l < links; ++l) link_start[l + 1] += link_start[l];
  std::vector<int> link_flows(flows.path_links.size());
  {
    std::vector<int> fill(link_start.begin(), link_start.end() - 1);
    for (int f = 0; f < n; ++f) {
      for (int k = flows.path_offsets[f]; k < flows.path_offsets[f + 1]; ++k) link_flows[fill[flows.path_links[k]]++] = f;
    }
  }
  std::vector<int> used;
  for (int l = 0; l < links; ++l) {
    if (link_start[l + 1] > link_start[l]) used.push_back(l);
  }

  std::vector<double> remaining(flows.bytes), rate(n, 0.0), cap(links, 0.0);
  std::vector<int> unfrozen(links, 0);
  std::vector<char> active(n, 0), frozen(n, 0);
  int active_count = 0;
  for (int f = 0; f < n; ++f) {
    assert(flows.path_offsets[f + 1] > flows.path_offsets[f] && "a flow needs at least one link");
    if (remaining[f] > 0) active[f] = 1, ++active_count;
  }
  double now = 0;
  while (active_count > 0) {
    ++out.rate_updates;
    // Progressive filling over the active flows.
    int to_freeze = active_count;
    for (int l : used) cap[l] = capacity[l], unfrozen[l] = 0;
    for (int f = 0; f < n; ++f) {
      frozen[f] = !active[f];
      if (!active[f]) continue;
      for (int k = flows.path_offsets[f]; k < flows.path_offsets[f + 1]; ++k) ++unfrozen[flows.path_links[k]];
    }
    while (to_freeze > 0) {
      double share = std::numeric_limits<double>::infinity();
      for (int l : used) {
        if (unfrozen[l] > 0) share = std::min(share, cap[l] / unfrozen[l]);
      }
      const double limit = share * (1 + kRelativeTolerance);
      for (int l : used) {
        if (unfrozen[l] == 0 || cap[l] / unfrozen[l] > limit) continue;
        for (int k = link_start[l]; k < link_start[l + 1]; ++k) {
          const int f = link_flows[k];
          if (frozen[f]) continue;
          frozen[f] = 1;
          rate[f] = share;
          --to_freeze;
          for (int j = flows.path_offsets[f]; j < flows.path_offsets[f + 1]; ++j) {
            cap[flows.path_links[j]] -= share;
            --unfrozen[flows.path_links[j]];
          }
        }
      }
    }
    // Advance to the next completion.
    double dt = std::numeric_limits<double>::infinity();
    for (int f = 0; f < n; ++f) {
      if (active[f]) dt = std::min(dt, remaining[f] / rate[f]);
    }
    now += dt;
    for (int f = 0; f < n; ++f) {
      if (!active[f]) continue;
      const double moved = std::min(remaining[f], rate[f] * dt);
      remaining[f] -= moved;
      for (int k = flows.path_offsets[f]; k < flows.path_offsets[f + 1]; ++k) out.link_bytes[flows.path_links[k]] += moved;
      if (remaining[f] <= kRelativeTolerance * flows.bytes[f] * 1e3) {
        for (int k = flows.path_offsets[f]; k < flows.path_offsets[f + 1]; ++k) {
          out.link_bytes[flows.path_links[k]] += remaining[f];
        }
        remaining[f] = 0;
        active[f] = 0;
        --active_count;
        out.finish_seconds[f] = now;
      }
    }
  }
  return out;
}

}  // namespace stargate::net
